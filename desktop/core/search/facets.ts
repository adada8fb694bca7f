import type Database from 'better-sqlite3';
import { COPY_FORMATS, TITLE_KINDS, WATCH_STATUSES, type TitleKind } from '@reelshelf/shared/domain';

/**
 * An in-memory projection of what search filters and sorts on, one slot per title pk in
 * typed arrays. SQL with EXISTS subqueries costs a few microseconds per candidate row;
 * a typo'd common word matches thousands of titles, so filtering there cannot meet 5 ms.
 * Here a candidate costs a few array reads.
 *
 * It is derived data, never written back. TEMP triggers (they live in this connection
 * only, never in the file) note every title whose facets change, whoever writes; the next
 * search reloads just those, or everything after a bulk load.
 */
export class FacetIndex {
  private size = 0;
  kind = new Uint8Array(0);
  year = new Int16Array(0);
  words = new Uint8Array(0);
  formats = new Uint8Array(0);
  watchCount = new Int32Array(0);
  /** Halves of a star, 0 = not rated. */
  rating = new Uint8Array(0);
  status = new Uint8Array(0);
  sortTitle: string[] = [];
  createdAt: string[] = [];
  lastWatched: (string | null)[] = [];
  private genres = new Map<string, Set<number>>();
  private tags = new Map<string, Set<number>>();
  private lists = new Map<string, Set<number>>();
  private built = false;
  private readonly orders = new Map<string, Int32Array>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly profileId: string,
  ) {}

  /** Brings the projection up to date; cheap when nothing changed. */
  refresh(): void {
    if (!this.built) return this.build();
    const dirty = this.sqlite.prepare('SELECT DISTINCT pk FROM temp.facet_dirty').pluck().all() as number[];
    if (dirty.length === 0) return;
    this.sqlite.exec('DELETE FROM temp.facet_dirty');
    this.orders.clear();
    if (dirty.length > 2_000) return this.build();
    for (const pk of dirty) this.reload(pk);
  }

  /**
   * Loads everything with one aggregate per facet: better-sqlite3 builds a JS array per
   * returned row, which at 100k titles costs more than the query, so SQLite concatenates
   * each column into one string and we split it.
   */
  private build(): void {
    this.installTriggers();
    const q = this.sqlite;
    const ints = (s: string | null) => (s ? s.split(',').map(Number) : []);
    const columns = (sql: string, ...args: unknown[]) =>
      (
        q
          .prepare(sql)
          .raw()
          .get(...args) as (string | null)[]
      ).map((s) => s ?? '');
    const maxPk = q.prepare('SELECT coalesce(max(pk), 0) FROM titles').pluck().get() as number;
    this.size = 0;
    this.allocate(maxPk + 1024);
    this.genres.clear();
    this.tags.clear();
    this.lists.clear();
    this.sortTitle = [];
    this.createdAt = [];
    this.lastWatched = [];

    const [pks, kinds, years, words] = columns(
      `SELECT group_concat(pk), group_concat(kind), group_concat(year), group_concat(search_words)
       FROM (SELECT pk, kind, coalesce(year, 0) AS year, search_words FROM titles ORDER BY pk)`,
    ).map((c, i) => (i === 1 ? c.split(',') : ints(c)));
    const sortTitles = q.prepare('SELECT sort_title FROM titles ORDER BY pk').pluck().all() as string[];
    const created = q.prepare('SELECT created_at FROM titles ORDER BY pk').pluck().all() as string[];
    (pks as number[]).forEach((pk, i) => {
      this.kind[pk] = TITLE_KINDS.indexOf((kinds as string[])[i] as TitleKind) + 1;
      this.year[pk] = (years as number[])[i]!;
      this.words[pk] = Math.min((words as number[])[i]!, 255);
      this.sortTitle[pk] = sortTitles[i]!.toLowerCase();
      this.createdAt[pk] = created[i]!;
    });

    const groups = (sql: string, ...args: unknown[]) =>
      q
        .prepare(sql)
        .raw()
        .all(...args) as [string, string][];
    for (const [genre, list] of groups(
      'SELECT lower(g.genre), group_concat(t.pk) FROM title_genres g JOIN titles t ON t.id = g.title_id GROUP BY 1',
    )) {
      for (const pk of ints(list)) add(this.genres, genre, pk);
    }
    for (const [format, list] of groups(
      'SELECT c.format, group_concat(t.pk) FROM copies c JOIN titles t ON t.id = c.title_id GROUP BY 1',
    )) {
      const bit = formatBit(format);
      for (const pk of ints(list)) this.formats[pk]! |= bit;
    }
    for (const [tag, list] of groups(
      'SELECT lower(g.name), group_concat(tt_t.pk) FROM title_tags tt JOIN tags g ON g.id = tt.tag_id JOIN titles tt_t ON tt_t.id = tt.title_id GROUP BY 1',
    )) {
      for (const pk of ints(list)) add(this.tags, tag, pk);
    }
    for (const [list, members] of groups(
      `SELECT li.list_id, group_concat(t.pk) FROM list_items li JOIN lists l ON l.id = li.list_id
       JOIN titles t ON t.id = li.title_id WHERE l.profile_id = ? GROUP BY 1`,
      this.profileId,
    )) {
      for (const pk of ints(members)) add(this.lists, list, pk);
    }
    for (const [status, list] of groups(
      'SELECT s.status, group_concat(t.pk) FROM statuses s JOIN titles t ON t.id = s.title_id WHERE s.profile_id = ? GROUP BY 1',
      this.profileId,
    )) {
      const code = statusCode(status);
      for (const pk of ints(list)) this.status[pk] = code;
    }
    const [ratedPks, halves] = columns(
      'SELECT group_concat(t.pk), group_concat(CAST(r.stars * 2 AS INTEGER)) FROM ratings r JOIN titles t ON t.id = r.title_id WHERE r.profile_id = ?',
      this.profileId,
    ).map(ints);
    ratedPks!.forEach((pk, i) => (this.rating[pk] = halves![i]!));
    const [watchedPks, counts, lasts] = columns(
      `SELECT group_concat(t.pk), group_concat(w.watch_count), group_concat(coalesce(w.last_watched_on, ''))
       FROM watch_summary w JOIN titles t ON t.id = w.title_id WHERE w.profile_id = ?`,
      this.profileId,
    );
    const lastList = lasts!.split(',');
    const countList = ints(counts!);
    ints(watchedPks!).forEach((pk, i) => {
      this.watchCount[pk] = countList[i]!;
      this.lastWatched[pk] = lastList[i] || null;
    });

    this.sqlite.exec('DELETE FROM temp.facet_dirty');
    this.orders.clear();
    this.built = true;
  }

  private reload(pk: number): void {
    const q = this.sqlite;
    this.clear(pk);
    const t = q
      .prepare('SELECT id, kind, year, search_words, sort_title, created_at FROM titles WHERE pk = ?')
      .raw()
      .get(pk) as [string, TitleKind, number | null, number, string, string] | undefined;
    if (!t) return;
    const [id, ...rest] = t;
    this.setTitle(pk, ...rest);
    const col = (sql: string, ...args: unknown[]) =>
      q
        .prepare(sql)
        .pluck()
        .all(...args) as string[];
    for (const g of col('SELECT genre FROM title_genres WHERE title_id = ?', id))
      add(this.genres, g.toLowerCase(), pk);
    for (const f of col('SELECT format FROM copies WHERE title_id = ?', id))
      this.formats[pk]! |= formatBit(f);
    const w = q
      .prepare('SELECT watch_count, last_watched_on FROM watch_summary WHERE profile_id = ? AND title_id = ?')
      .raw()
      .get(this.profileId, id) as [number, string | null] | undefined;
    this.watchCount[pk] = w?.[0] ?? 0;
    this.lastWatched[pk] = w?.[1] ?? null;
    const stars = q
      .prepare('SELECT stars FROM ratings WHERE profile_id = ? AND title_id = ?')
      .pluck()
      .get(this.profileId, id) as number | undefined;
    this.rating[pk] = stars ? Math.round(stars * 2) : 0;
    const status = col(
      'SELECT status FROM statuses WHERE profile_id = ? AND title_id = ?',
      this.profileId,
      id,
    )[0];
    this.status[pk] = status ? statusCode(status) : 0;
    for (const tag of col(
      'SELECT g.name FROM title_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.title_id = ?',
      id,
    )) {
      add(this.tags, tag.toLowerCase(), pk);
    }
    for (const list of col(
      'SELECT li.list_id FROM list_items li JOIN lists l ON l.id = li.list_id WHERE li.title_id = ? AND l.profile_id = ?',
      id,
      this.profileId,
    )) {
      add(this.lists, list, pk);
    }
  }

  private setTitle(
    pk: number,
    kind: TitleKind,
    year: number | null,
    words: number,
    sortTitle: string,
    createdAt: string,
  ) {
    if (pk >= this.size) this.allocate(Math.max(pk + 1, this.size * 2));
    this.kind[pk] = TITLE_KINDS.indexOf(kind) + 1;
    this.year[pk] = year ?? 0;
    this.words[pk] = Math.min(words, 255);
    this.sortTitle[pk] = sortTitle.toLowerCase();
    this.createdAt[pk] = createdAt;
  }

  private clear(pk: number): void {
    if (pk >= this.size) this.allocate(Math.max(pk + 1, this.size * 2));
    for (const arr of [
      this.kind,
      this.year,
      this.words,
      this.formats,
      this.watchCount,
      this.rating,
      this.status,
    ])
      arr[pk] = 0;
    this.lastWatched[pk] = null;
    for (const map of [this.genres, this.tags, this.lists]) for (const set of map.values()) set.delete(pk);
  }

  private allocate(size: number): void {
    const grow = <T extends Uint8Array | Int16Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old.subarray(0, Math.min(old.length, size)));
      return next;
    };
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
    this.year = grow(this.year, (n) => new Int16Array(n));
    this.words = grow(this.words, (n) => new Uint8Array(n));
    this.formats = grow(this.formats, (n) => new Uint8Array(n));
    this.watchCount = grow(this.watchCount, (n) => new Int32Array(n));
    this.rating = grow(this.rating, (n) => new Uint8Array(n));
    this.status = grow(this.status, (n) => new Uint8Array(n));
    this.size = size;
  }

  /** Every title pk in the order of a sort key (ascending), built once per change. */
  order(key: string, build: () => Int32Array): Int32Array {
    let o = this.orders.get(key);
    if (!o) {
      o = build();
      this.orders.set(key, o);
    }
    return o;
  }

  allPks(): Int32Array {
    const out: number[] = [];
    for (let pk = 0; pk < this.size; pk++) if (this.kind[pk]) out.push(pk);
    return Int32Array.from(out);
  }

  inGenres = (genres: string[]) =>
    union(
      this.genres,
      genres.map((g) => g.toLowerCase()),
    );
  inTags = (tags: string[]) =>
    union(
      this.tags,
      tags.map((t) => t.toLowerCase()),
    );
  inList = (listId: string) => this.lists.get(listId) ?? new Set<number>();

  /** Writes to these tables change what a title's facets are. */
  private installTriggers(): void {
    this.sqlite.pragma('temp_store = MEMORY');
    const sql = [
      // No key: an outer statement's conflict clause overrides OR IGNORE inside triggers.
      'CREATE TEMP TABLE IF NOT EXISTS facet_dirty (pk INTEGER)',
      ...['INSERT', 'UPDATE', 'DELETE'].map(
        (op) =>
          `CREATE TEMP TRIGGER IF NOT EXISTS facet_titles_${op} AFTER ${op} ON main.titles BEGIN
             INSERT INTO facet_dirty (pk) VALUES (${op === 'DELETE' ? 'old' : 'new'}.pk); END`,
      ),
    ];
    for (const table of [
      'title_genres',
      'copies',
      'watch_summary',
      'ratings',
      'statuses',
      'title_tags',
      'list_items',
    ]) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        const rows = op === 'INSERT' ? ['new'] : op === 'DELETE' ? ['old'] : ['old', 'new'];
        sql.push(
          `CREATE TEMP TRIGGER IF NOT EXISTS facet_${table}_${op} AFTER ${op} ON main.${table} BEGIN
             ${rows.map((r) => `INSERT INTO facet_dirty (pk) SELECT pk FROM main.titles WHERE id = ${r}.title_id;`).join(' ')} END`,
        );
      }
    }
    for (const s of sql) this.sqlite.exec(s);
  }
}

function add(map: Map<string, Set<number>>, key: string, pk: number): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(pk);
}

function union(map: Map<string, Set<number>>, keys: string[]): Set<number> {
  if (keys.length === 1) return map.get(keys[0]!) ?? new Set();
  const out = new Set<number>();
  for (const k of keys) for (const pk of map.get(k) ?? []) out.add(pk);
  return out;
}

export const formatBit = (format: string) =>
  1 << COPY_FORMATS.indexOf(format as (typeof COPY_FORMATS)[number]);
const statusCode = (status: string) => WATCH_STATUSES.indexOf(status as (typeof WATCH_STATUSES)[number]) + 1;
export const kindCode = (kind: TitleKind) => TITLE_KINDS.indexOf(kind) + 1;
export const statusCodeOf = statusCode;
