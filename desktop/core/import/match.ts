/**
 * Which library title an imported row (or a scanned file) means. Ids decide first — IMDb,
 * then TMDb, then TVDB — then the normalised title with the year, allowing ±1 year (release
 * years differ between databases and countries). A row that fits several titles equally
 * well is not guessed: it goes to the review queue. A row that fits none creates the title.
 *
 * The library's titles are loaded into memory once per import, so 10,000 rows cost 10,000
 * map lookups, not 10,000 queries; titles the import creates are added as it goes.
 */
import { LEADING_ARTICLES, type ExternalIds, type TitleKind } from '@reelshelf/shared/domain';
import type { Ctx } from '../context';
import { searchTokens } from '../search/tokens';
import type { TitleRef } from './records';

/**
 * "The Lord of the Rings: The Fellowship of the Ring" and "lord of the rings - the fellowship
 * of the ring" become the same key: accents folded, & → and, punctuation and a leading or
 * trailing (", The") article dropped, spaces collapsed.
 */
export function titleKey(title: string): string {
  // The search index's words (accents folded, lower case), with "Ocean's" kept one word.
  const words = searchTokens(title.replace(/&/g, ' and ').replace(/['’`´]/g, ''));
  const last = words.length - 1;
  // "Matrix, The" (IMDb's old sort form): the punctuation is gone, the article is last.
  if (words.length > 1 && LEADING_ARTICLES.has(words[last]!) && /,\s*\S+\s*$/.test(title)) words.pop();
  else if (words.length > 1 && LEADING_ARTICLES.has(words[0]!)) words.shift();
  // A title of punctuation alone (`$`, 1971) has no words: it is its own key, or it would never be found again.
  return words.length ? words.join(' ') : title.trim().toLowerCase();
}

/** Movies match movies; a series matches a series. Seasons and episodes are found under their series. */
type Group = 'movie' | 'series';
const groupOf = (kind: TitleKind): Group | undefined =>
  kind === 'movie' ? 'movie' : kind === 'series' ? 'series' : undefined;

interface Known {
  id: string;
  kind: TitleKind;
  title: string;
  year: number | null;
  imdb: string | null;
  tmdb: number | null;
  tvdb: number | null;
}

export type MatchResult =
  | { status: 'matched'; titleId: string; by: 'id' | 'title' }
  | { status: 'none' }
  /** Several titles fit equally well, or the row names none: never guessed. */
  | { status: 'ambiguous'; reason: string; candidates: string[] };

export class TitleMatcher {
  private readonly byImdb = new Map<string, Known>();
  private readonly byTmdb = new Map<string, Known>();
  private readonly byTvdb = new Map<string, Known>();
  private readonly byTitle = new Map<string, Known[]>();
  /** Seasons and episodes by `<parent id>|<number>`. */
  private readonly children = new Map<string, string>();

  constructor(ctx: Ctx) {
    const rows = ctx.lib.sqlite
      .prepare(
        `SELECT id, kind, title, original_title AS originalTitle, year, imdb_id AS imdb, tmdb_id AS tmdb,
                tvdb_id AS tvdb, parent_id AS parentId, season_number AS season, episode_number AS episode
           FROM titles`,
      )
      .all() as (Known & {
      originalTitle: string | null;
      parentId: string | null;
      season: number | null;
      episode: number | null;
    })[];
    for (const row of rows) {
      this.add(row, row.originalTitle);
      if (row.parentId) {
        const number = row.kind === 'season' ? row.season : row.episode;
        if (number !== null) this.children.set(`${row.parentId}|${number}`, row.id);
      }
    }
  }

  /** Makes a title the import just created findable by the rows after it. */
  add(title: Known, originalTitle?: string | null): void {
    if (title.imdb) this.byImdb.set(title.imdb, title);
    if (title.tmdb !== null) this.byTmdb.set(`${title.kind}:${title.tmdb}`, title);
    if (title.tvdb !== null) this.byTvdb.set(`${title.kind}:${title.tvdb}`, title);
    if (!groupOf(title.kind)) return;
    for (const name of new Set([titleKey(title.title), originalTitle ? titleKey(originalTitle) : ''])) {
      if (!name) continue;
      const list = this.byTitle.get(name);
      if (list) list.push(title);
      else this.byTitle.set(name, [title]);
    }
  }

  addChild(parentId: string, number: number, id: string): void {
    this.children.set(`${parentId}|${number}`, id);
  }

  child(parentId: string, number: number): string | undefined {
    return this.children.get(`${parentId}|${number}`);
  }

  /** A title with one of these ids (of the same kind for TMDb/TVDB, whose numbers are per kind). */
  byIds(kind: TitleKind, ids: ExternalIds): Known | undefined {
    return (
      (ids.imdb !== undefined ? this.byImdb.get(ids.imdb) : undefined) ??
      (ids.tmdb !== undefined ? this.byTmdb.get(`${kind}:${ids.tmdb}`) : undefined) ??
      (ids.tvdb !== undefined ? this.byTvdb.get(`${kind}:${ids.tvdb}`) : undefined)
    );
  }

  /** A movie or series, by ids, then by title and year. */
  match(ref: Pick<TitleRef, 'kind' | 'title' | 'year' | 'ids'>): MatchResult {
    const byId = this.byIds(ref.kind, ref.ids);
    if (byId) return { status: 'matched', titleId: byId.id, by: 'id' };
    const group = groupOf(ref.kind);
    if (!group || !ref.title) return { status: 'none' };
    const key = titleKey(ref.title);
    if (!key) return { status: 'none' };
    const candidates = (this.byTitle.get(key) ?? []).filter(
      (t) => groupOf(t.kind) === group && !contradicts(t, ref.ids),
    );
    const unique = [...new Map(candidates.map((c) => [c.id, c])).values()];
    if (unique.length === 0) return { status: 'none' };
    if (ref.year === undefined) {
      if (unique.length === 1) return { status: 'matched', titleId: unique[0]!.id, by: 'title' };
      return {
        status: 'ambiguous',
        reason: `no year given and ${unique.length} titles are called "${ref.title}"`,
        candidates: unique.map((c) => c.id),
      };
    }
    const exact = unique.filter((c) => c.year === ref.year);
    const near = exact.length
      ? exact
      : unique.filter((c) => c.year === null || Math.abs(c.year - ref.year!) <= 1);
    if (near.length === 1) return { status: 'matched', titleId: near[0]!.id, by: 'title' };
    if (near.length === 0) return { status: 'none' };
    return {
      status: 'ambiguous',
      reason: `${near.length} titles called "${ref.title}" fit ${ref.year}`,
      candidates: near.map((c) => c.id),
    };
  }
}

/** A library title with a different id of the same database is another film, whatever its name. */
function contradicts(t: Known, ids: ExternalIds): boolean {
  return (
    (ids.imdb !== undefined && t.imdb !== null && t.imdb !== ids.imdb) ||
    (ids.tmdb !== undefined && t.tmdb !== null && t.tmdb !== ids.tmdb) ||
    (ids.tvdb !== undefined && t.tvdb !== null && t.tvdb !== ids.tvdb)
  );
}
