import type Database from 'better-sqlite3';
import type { ParsedArgs, SearchResult, TitleSummary } from '@reelshelf/shared/contracts';
import type { TitleKind } from '@reelshelf/shared/domain';
import { FacetIndex, formatBit, kindCode, statusCode, type FacetGroup } from './facets';
import { MatchPlanner, type MatchPlan } from './match';

type Query = ParsedArgs<'catalog.search'>;
type SortKey = Query['sort'];

const DEFAULT_KINDS: TitleKind[] = ['movie', 'series'];
const DEFAULT_ORDER: Record<SortKey, 'asc' | 'desc'> = {
  relevance: 'desc',
  title: 'asc',
  year: 'desc',
  rating: 'desc',
  added: 'desc',
  lastWatched: 'desc',
};

/** Which facet groups a query reads, so the first search loads only those. */
function facetsFor(q: Omit<Query, 'limit' | 'offset'>, sort: SortKey): FacetGroup[] {
  const groups: FacetGroup[] = [];
  if (q.genres) groups.push('genres');
  if (q.formats || q.owned !== undefined) groups.push('formats');
  if (q.watched !== undefined || sort === 'lastWatched') groups.push('watch');
  if (q.ratingMin !== undefined || q.ratingMax !== undefined || sort === 'rating') groups.push('ratings');
  if (q.tags) groups.push('tags');
  if (q.list !== undefined) groups.push('lists');
  if (q.statuses) groups.push('statuses');
  return groups;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/**
 * Catalog search. FTS5 finds the titles whose words match (typos corrected by the
 * planner); the in-memory FacetIndex filters, ranks and pages them; SQL then loads the
 * one page that is shown.
 */
/** Below this many titles of one score, sorting them is cheaper than walking the title order. */
const SORT_SMALL_GROUP = 2_000;

export class CatalogSearch {
  private readonly planner: MatchPlanner;
  private readonly facets: FacetIndex;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly profileId: string,
  ) {
    this.planner = new MatchPlanner(sqlite);
    this.facets = new FacetIndex(sqlite, profileId);
  }

  private prepared(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * `listId` is the resolved id of q.list (system keys are resolved by the caller);
   * `within`, when given, keeps only those titles (a smart list's, by pk).
   */
  search(q: Query, listId?: string, within?: ReadonlySet<number>): SearchResult {
    const { matched, corrections } = this.matching(q, listId, within, q.offset + q.limit);
    const page = matched.slice(q.offset, q.offset + q.limit);
    return { total: matched.length, items: this.summaries(page), corrections };
  }

  /**
   * Every title the query finds (pks), in the query's order: a smart list's items. With
   * `ordered`, only that many leading places need to be in order (a page of results).
   */
  matching(
    q: Omit<Query, 'limit' | 'offset'>,
    listId?: string,
    within?: ReadonlySet<number>,
    ordered = Infinity,
  ): { matched: number[]; corrections: SearchResult['corrections'] } {
    const plan = this.planner.plan(q.text);
    const sort: SortKey = q.sort === 'relevance' && !plan.match ? 'title' : q.sort;
    this.facets.need(...facetsFor(q, sort));
    const keep = this.filter(q, listId, within);
    const desc = (q.order ?? DEFAULT_ORDER[sort]) === 'desc';

    let matched: number[];
    if (plan.match) {
      // One typed letter would find every person whose name starts with it too (~40% of a large
      // library, ~50 ms at 100,000 titles for each first keystroke); names join from the second.
      const [only] = plan.words;
      const oneLetter = plan.words.length === 1 && only!.prefix && only!.forms[0]!.length === 1;
      const candidates = this.prepared('SELECT rowid FROM title_search WHERE title_search MATCH ?')
        .pluck()
        .all(oneLetter ? `{title original_title} : (${plan.match})` : plan.match) as number[];
      matched = candidates.filter(keep);
      if (sort === 'relevance') {
        // A one-letter search already looked in titles only: every candidate is a title match.
        const score = this.relevance(plan, oneLetter ? new Set(candidates) : undefined);
        matched = this.rankByRelevance(matched, score, ordered);
      } else {
        matched.sort(this.comparator(sort, desc));
      }
    } else {
      // No words: walk every title in the sort's order (built once per change), keeping those that pass.
      const order = this.facets.order(`${sort}:${desc}`, () =>
        this.facets.allPks().sort(this.comparator(sort, desc)),
      );
      matched = [];
      for (const pk of order) if (keep(pk)) matched.push(pk);
    }
    return { matched, corrections: plan.corrections };
  }

  private filter(
    q: Omit<Query, 'limit' | 'offset'>,
    listId?: string,
    within?: ReadonlySet<number>,
  ): (pk: number) => boolean {
    const f = this.facets;
    const kinds = new Set((q.kinds ?? DEFAULT_KINDS).map(kindCode));
    const checks: ((pk: number) => boolean)[] = [(pk) => kinds.has(f.kind[pk]!)];
    if (within) checks.push((pk) => within.has(pk));
    if (q.yearFrom !== undefined) checks.push((pk) => f.year[pk] !== 0 && f.year[pk]! >= q.yearFrom!);
    if (q.yearTo !== undefined) checks.push((pk) => f.year[pk] !== 0 && f.year[pk]! <= q.yearTo!);
    if (q.genres) {
      const inGenres = f.inGenres(q.genres);
      checks.push((pk) => inGenres.has(pk));
    }
    if (q.formats) {
      const mask = q.formats.reduce((m, format) => m | formatBit(format), 0);
      checks.push((pk) => (f.formats[pk]! & mask) !== 0);
    }
    if (q.owned !== undefined) checks.push((pk) => (f.formats[pk] !== 0) === q.owned);
    if (q.watched !== undefined) checks.push((pk) => f.watchCount[pk]! > 0 === q.watched);
    if (q.ratingMin !== undefined)
      checks.push((pk) => f.rating[pk] !== 0 && f.rating[pk]! >= q.ratingMin! * 2);
    if (q.ratingMax !== undefined)
      checks.push((pk) => f.rating[pk] !== 0 && f.rating[pk]! <= q.ratingMax! * 2);
    if (q.tags) {
      const tagged = f.inTags(q.tags);
      checks.push((pk) => tagged.has(pk));
    }
    if (listId !== undefined) {
      const onList = f.inList(listId);
      checks.push((pk) => onList.has(pk));
    }
    if (q.statuses) {
      const codes = new Set(q.statuses.map(statusCode));
      checks.push((pk) => codes.has(f.status[pk]!));
    }
    return (pk) => {
      for (const check of checks) if (!check(pk)) return false;
      return true;
    };
  }

  /**
   * A title that holds the query in its (original) title beats one found through a
   * person's name; among those, the fewer other words the title has, the better, and a
   * title that is exactly the query comes first ("The Matrix" before "The Matrix Reloaded").
   */
  private relevance(plan: MatchPlan, titleMatches?: ReadonlySet<number>): (pk: number) => number {
    const inTitle =
      titleMatches ??
      new Set(
        this.prepared('SELECT rowid FROM title_search WHERE title_search MATCH ?')
          .pluck()
          .all(`{title original_title} : (${plan.match})`) as number[],
      );
    const n = plan.words.length;
    return (pk) => {
      if (!inTitle.has(pk)) return 0;
      const words = Math.max(this.facets.words[pk]!, n);
      return 2 + n / words + (words === n ? 1 : 0);
    };
  }

  /**
   * Best score first, ties by title. Only the first `ordered` places are put in order: one
   * typed letter matches ~40,000 of 100,000 titles, and sorting them all for a page of 50
   * took ~80 ms of every first keystroke. Scores take few values, so titles are grouped by
   * score and a big group is read off the cached title order instead of being sorted.
   */
  private rankByRelevance(pks: number[], score: (pk: number) => number, ordered: number): number[] {
    const groups = new Map<number, number[]>();
    for (const pk of pks) {
      const s = score(pk);
      const group = groups.get(s);
      if (group) group.push(pk);
      else groups.set(s, [pk]);
    }
    const out: number[] = [];
    for (const s of [...groups.keys()].sort((a, b) => b - a)) {
      const group = groups.get(s)!;
      const room = ordered - out.length;
      if (room > 0 && (room >= group.length || group.length <= SORT_SMALL_GROUP)) group.sort(this.byTitle);
      else if (room > 0) {
        const members = new Set(group);
        const byTitle = this.facets.order('title:false', () =>
          this.facets.allPks().sort(this.comparator('title', false)),
        );
        for (const pk of byTitle) {
          if (!members.delete(pk)) continue;
          out.push(pk);
          if (out.length === ordered) break;
        }
        for (const pk of members) out.push(pk);
        continue;
      }
      for (const pk of group) out.push(pk);
    }
    return out;
  }

  private byTitle = (a: number, b: number): number => {
    const ta = this.facets.sortTitle[a]!;
    const tb = this.facets.sortTitle[b]!;
    return ta < tb ? -1 : ta > tb ? 1 : a - b;
  };

  private nullTest(sort: SortKey): (pk: number) => boolean {
    const f = this.facets;
    if (sort === 'year') return (pk) => f.year[pk] === 0;
    if (sort === 'rating') return (pk) => f.rating[pk] === 0;
    if (sort === 'lastWatched') return (pk) => f.lastWatched[pk] == null;
    return () => false;
  }

  /** Orders pks by a sort key; titles without a value go last either way; ties by title. */
  private comparator(sort: SortKey, desc: boolean): (a: number, b: number) => number {
    const f = this.facets;
    const isNull = this.nullTest(sort);
    const value: (pk: number) => number | string =
      sort === 'year'
        ? (pk) => f.year[pk]!
        : sort === 'rating'
          ? (pk) => f.rating[pk]!
          : sort === 'added'
            ? (pk) => f.createdAt[pk]!
            : sort === 'lastWatched'
              ? (pk) => f.lastWatched[pk] ?? ''
              : (pk) => f.sortTitle[pk]!;
    const dir = desc ? -1 : 1;
    return (a, b) => {
      const na = isNull(a);
      const nb = isNull(b);
      if (na !== nb) return na ? 1 : -1;
      const va = value(a);
      const vb = value(b);
      if (va !== vb) return (va < vb ? -1 : 1) * dir;
      return this.byTitle(a, b);
    };
  }

  /** The summaries of these titles, in the order given (other views, e.g. discover rows, use it too). */
  summaries(pks: number[]): TitleSummary[] {
    if (pks.length === 0) return [];
    const rows = this.prepared(
      `SELECT t.pk, t.id, t.kind, t.title, t.original_title, t.year, r.stars, w.watch_count, w.last_watched_on,
         (SELECT json_group_array(genre) FROM (SELECT genre FROM title_genres WHERE title_id = t.id ORDER BY rowid)) AS genres,
         (SELECT json_group_array(format) FROM (SELECT DISTINCT format FROM copies WHERE title_id = t.id ORDER BY format)) AS formats
       FROM titles t
       LEFT JOIN ratings r ON r.profile_id = ? AND r.title_id = t.id
       LEFT JOIN watch_summary w ON w.profile_id = ? AND w.title_id = t.id
       WHERE t.pk IN (${marks(pks.length)})`,
    ).all(this.profileId, this.profileId, ...pks) as {
      pk: number;
      id: string;
      kind: TitleKind;
      title: string;
      original_title: string | null;
      year: number | null;
      stars: number | null;
      watch_count: number | null;
      last_watched_on: string | null;
      genres: string;
      formats: string;
    }[];
    const byPk = new Map(rows.map((r) => [r.pk, r]));
    return pks.map((pk) => {
      const r = byPk.get(pk)!;
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        originalTitle: r.original_title,
        year: r.year,
        genres: JSON.parse(r.genres) as string[],
        rating: r.stars,
        watchCount: r.watch_count ?? 0,
        lastWatchedOn: r.last_watched_on,
        formats: JSON.parse(r.formats) as string[],
      };
    });
  }

  /** Autocomplete: best movie and series matches for what has been typed so far. */
  suggest(
    prefix: string,
    limit: number,
  ): { id: string; title: string; year: number | null; kind: TitleKind }[] {
    const { items } = this.search({ text: prefix, sort: 'relevance', limit, offset: 0 });
    return items.map(({ id, title, year, kind }) => ({ id, title, year, kind }));
  }
}
