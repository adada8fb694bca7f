import type Database from 'better-sqlite3';
import type { SearchResult, TitleSummary, ParsedArgs } from '@reelshelf/shared/contracts';
import type { TitleKind } from '@reelshelf/shared/domain';
import { MatchPlanner, type MatchPlan } from './match';
import { searchTokens } from './tokens';

type Query = ParsedArgs<'catalog.search'>;

/** bm25 weights for (title, original title, people): a hit in the title counts most. */
const RANK = 'bm25(title_search, 10.0, 6.0, 2.0)';

const DEFAULT_KINDS: TitleKind[] = ['movie', 'series'];

const SORTS: Record<Query['sort'], { column: string; defaultOrder: 'asc' | 'desc' }> = {
  relevance: { column: 'rank', defaultOrder: 'asc' },
  title: { column: 't.sort_title COLLATE NOCASE', defaultOrder: 'asc' },
  year: { column: 't.year', defaultOrder: 'desc' },
  rating: { column: 'r.stars', defaultOrder: 'desc' },
  added: { column: 't.created_at', defaultOrder: 'desc' },
  lastWatched: { column: 'w.last_watched_on', defaultOrder: 'desc' },
};

/**
 * bm25 normalises by the length of the whole row, people's names included, so on its own
 * it can rank "The Matrix Reloaded" above "The Matrix" for "matrix". Relevance therefore
 * re-ranks the best bm25 candidates by how much of the title the query covers; this many
 * candidates beyond the requested page take part.
 */
const RERANK_EXTRA = 50;
const ARTICLE_WORDS = new Set(['the', 'a', 'an', 'der', 'die', 'das', 'le', 'la', 'les', 'el', 'los', 'las']);

function titleFit(plan: MatchPlan, ...titles: (string | null)[]): number {
  let best = 0;
  for (const title of titles) {
    if (!title) continue;
    const words = searchTokens(title).filter((w) => !ARTICLE_WORDS.has(w));
    if (words.length === 0) continue;
    const hits = words.filter((w) =>
      plan.words.some((q) => q.forms.some((f) => (q.prefix ? w.startsWith(f) : w === f))),
    );
    const exact = hits.length === words.length && words.length === plan.words.length ? 1 : 0;
    best = Math.max(best, hits.length / words.length + exact);
  }
  return best;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

interface Row {
  rank?: number;
  id: string;
  kind: TitleKind;
  title: string;
  original_title: string | null;
  year: number | null;
  stars: number | null;
  watch_count: number | null;
  last_watched_on: string | null;
  total: number;
}

/** Catalog search: full text with typo tolerance, facets as filters, several sorts, pages. */
export class CatalogSearch {
  private readonly planner: MatchPlanner;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly sqlite: Database.Database) {
    this.planner = new MatchPlanner(sqlite);
  }

  private prepared(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** `listId` is the resolved id of q.list (system keys are resolved by the caller). */
  search(q: Query, profileId: string, listId?: string): SearchResult {
    const plan = this.planner.plan(q.text);
    const where: string[] = [];
    const params: unknown[] = [];
    // bm25() only works in a query driven by the FTS table itself, so rank in a subquery.
    const from = plan.match
      ? `(SELECT rowid AS pk, ${RANK} AS rank FROM title_search WHERE title_search MATCH ?) s JOIN titles t ON t.pk = s.pk`
      : 'titles t';
    const fromParams = plan.match ? [plan.match] : [];
    const kinds = q.kinds ?? DEFAULT_KINDS;
    where.push(`t.kind IN (${marks(kinds.length)})`);
    params.push(...kinds);
    if (q.yearFrom !== undefined) {
      where.push('t.year >= ?');
      params.push(q.yearFrom);
    }
    if (q.yearTo !== undefined) {
      where.push('t.year <= ?');
      params.push(q.yearTo);
    }
    if (q.genres) {
      where.push(
        `EXISTS (SELECT 1 FROM title_genres g WHERE g.title_id = t.id AND g.genre COLLATE NOCASE IN (${marks(q.genres.length)}))`,
      );
      params.push(...q.genres);
    }
    if (q.formats) {
      where.push(
        `EXISTS (SELECT 1 FROM copies c WHERE c.title_id = t.id AND c.format IN (${marks(q.formats.length)}))`,
      );
      params.push(...q.formats);
    }
    if (q.owned !== undefined) {
      where.push(`${q.owned ? '' : 'NOT '}EXISTS (SELECT 1 FROM copies c WHERE c.title_id = t.id)`);
    }
    if (q.watched !== undefined) where.push(q.watched ? 'w.watch_count > 0' : 'w.watch_count IS NULL');
    if (q.ratingMin !== undefined) {
      where.push('r.stars >= ?');
      params.push(q.ratingMin);
    }
    if (q.ratingMax !== undefined) {
      where.push('r.stars <= ?');
      params.push(q.ratingMax);
    }
    if (q.tags) {
      where.push(
        `EXISTS (SELECT 1 FROM title_tags tt JOIN tags tg ON tg.id = tt.tag_id
          WHERE tt.title_id = t.id AND tg.name COLLATE NOCASE IN (${marks(q.tags.length)}))`,
      );
      params.push(...q.tags);
    }
    if (q.list !== undefined) {
      where.push('EXISTS (SELECT 1 FROM list_items li WHERE li.list_id = ? AND li.title_id = t.id)');
      params.push(listId ?? '');
    }
    if (q.statuses) {
      where.push(
        `EXISTS (SELECT 1 FROM statuses st WHERE st.profile_id = ? AND st.title_id = t.id AND st.status IN (${marks(q.statuses.length)}))`,
      );
      params.push(profileId, ...q.statuses);
    }

    const sortKey = q.sort === 'relevance' && !plan.match ? 'title' : q.sort;
    const sort = SORTS[sortKey];
    const order = (q.order ?? sort.defaultOrder).toUpperCase();
    // Titles with no rating / never watched go last whichever way the list is ordered.
    const nullsLast = sortKey === 'rating' || sortKey === 'lastWatched' || sortKey === 'year';
    const orderBy = `${sort.column} ${order}${nullsLast ? ' NULLS LAST' : ''}, t.sort_title COLLATE NOCASE, t.pk`;

    const sql = `SELECT t.id, t.kind, t.title, t.original_title, t.year, r.stars, w.watch_count, w.last_watched_on,
        count(*) OVER () AS total${plan.match ? ', s.rank' : ''}
      FROM ${from}
      LEFT JOIN ratings r ON r.profile_id = ? AND r.title_id = t.id
      LEFT JOIN watch_summary w ON w.profile_id = ? AND w.title_id = t.id
      WHERE ${where.join(' AND ')}
      ORDER BY ${orderBy}
      LIMIT ? OFFSET ?`;
    const args = [...fromParams, profileId, profileId, ...params];
    if (sortKey === 'relevance') {
      const candidates = this.prepared(sql).all(...args, q.offset + q.limit + RERANK_EXTRA, 0) as Row[];
      const score = (r: Row) => -(r.rank ?? 0) * (1 + titleFit(plan, r.title, r.original_title));
      const rows = candidates
        .map((r) => ({ r, s: score(r) }))
        .sort((a, b) => b.s - a.s)
        .map(({ r }) => r)
        .slice(q.offset, q.offset + q.limit);
      return { total: candidates[0]?.total ?? 0, items: this.summaries(rows), corrections: plan.corrections };
    }
    const rows = this.prepared(sql).all(...args, q.limit, q.offset) as Row[];
    const total = rows[0]?.total ?? (q.offset > 0 ? this.count(sql, args) : 0);
    return { total, items: this.summaries(rows), corrections: plan.corrections };
  }

  /** Only needed when a page past the end is asked for: the window count came back with no rows. */
  private count(sql: string, params: unknown[]): number {
    const counted = `SELECT count(*) AS n FROM (${sql.replace(/LIMIT \? OFFSET \?$/, '')})`;
    return (this.prepared(counted).get(...params) as { n: number }).n;
  }

  private summaries(rows: Row[]): TitleSummary[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const genres = new Map<string, string[]>();
    const formats = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
    for (const g of this.prepared(
      `SELECT title_id, genre FROM title_genres WHERE title_id IN (${marks(ids.length)}) ORDER BY rowid`,
    ).all(...ids) as { title_id: string; genre: string }[]) {
      push(genres, g.title_id, g.genre);
    }
    for (const c of this.prepared(
      `SELECT DISTINCT title_id, format FROM copies WHERE title_id IN (${marks(ids.length)}) ORDER BY format`,
    ).all(...ids) as { title_id: string; format: string }[]) {
      push(formats, c.title_id, c.format);
    }
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      originalTitle: r.original_title,
      year: r.year,
      genres: genres.get(r.id) ?? [],
      rating: r.stars,
      watchCount: r.watch_count ?? 0,
      lastWatchedOn: r.last_watched_on,
      formats: formats.get(r.id) ?? [],
    }));
  }

  /** Autocomplete: best title matches for what has been typed so far. */
  suggest(
    prefix: string,
    limit: number,
  ): { id: string; title: string; year: number | null; kind: TitleKind }[] {
    const plan = this.planner.plan(prefix);
    if (!plan.match) return [];
    return this.prepared(
      `SELECT t.id, t.title, t.year, t.kind FROM title_search s JOIN titles t ON t.pk = s.rowid
       WHERE title_search MATCH ? AND t.kind IN ('movie','series') ORDER BY ${RANK} LIMIT ?`,
    ).all(`{title original_title} : (${plan.match})`, limit) as {
      id: string;
      title: string;
      year: number | null;
      kind: TitleKind;
    }[];
  }
}
