import type Database from 'better-sqlite3';
import { COPY_FORMATS, TITLE_KINDS, WATCH_STATUSES, type TitleKind } from '@reelshelf/shared/domain';

export type FacetGroup =
  'titles' | 'genres' | 'formats' | 'watch' | 'ratings' | 'statuses' | 'tags' | 'lists';

interface Loader {
  /** Loads the group for every title (one aggregate query, see `groupsOf`). */
  all(): void;
  /** Reloads the group for one title after a write. */
  one(pk: number, id: string): void;
  clear(pk: number): void;
}

/**
 * An in-memory projection of what search filters and sorts on, one slot per title pk in
 * typed arrays. SQL with EXISTS subqueries costs a few microseconds per candidate row;
 * a typo'd common word matches thousands of titles, so filtering there cannot meet 5 ms.
 * Here a candidate costs a few array reads.
 *
 * Each group of facets loads on the first search that needs it (a plain title search
 * never pays for watch history). It is derived data, never written back: TEMP triggers
 * (they live in this connection only, never in the file) note every title whose facets
 * change, whoever writes, and the next search reloads just those titles, or everything
 * after a bulk load.
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
  private readonly genres = new Map<string, Set<number>>();
  private readonly tags = new Map<string, Set<number>>();
  private readonly lists = new Map<string, Set<number>>();
  private readonly loaded = new Set<FacetGroup>();
  private readonly orders = new Map<string, Int32Array>();
  private readonly loaders: Record<FacetGroup, Loader>;
  private triggers = false;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly profileId: string,
  ) {
    this.loaders = {
      titles: {
        all: () => this.loadTitles(),
        one: (pk) => {
          const t = this.sqlite
            .prepare('SELECT kind, year, search_words, sort_title, created_at FROM titles WHERE pk = ?')
            .raw()
            .get(pk) as [TitleKind, number | null, number, string, string] | undefined;
          if (t) this.setTitle(pk, ...t);
        },
        clear: (pk) => {
          this.kind[pk] = 0;
          this.year[pk] = 0;
          this.words[pk] = 0;
        },
      },
      genres: this.setGroup(
        this.genres,
        'SELECT g.genre, group_concat(t.pk) FROM title_genres g JOIN titles t ON t.id = g.title_id GROUP BY 1',
        'SELECT genre FROM title_genres WHERE title_id = @title',
        caseless,
      ),
      tags: this.setGroup(
        this.tags,
        `SELECT g.name, group_concat(t.pk) FROM title_tags tt JOIN tags g ON g.id = tt.tag_id
         JOIN titles t ON t.id = tt.title_id GROUP BY 1`,
        'SELECT g.name FROM title_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.title_id = @title',
        caseless,
      ),
      lists: this.setGroup(
        this.lists,
        `SELECT li.list_id, group_concat(t.pk) FROM list_items li JOIN lists l ON l.id = li.list_id
         JOIN titles t ON t.id = li.title_id WHERE l.profile_id = @profile GROUP BY 1`,
        'SELECT li.list_id FROM list_items li JOIN lists l ON l.id = li.list_id WHERE li.title_id = @title AND l.profile_id = @profile',
        (id) => id,
      ),
      formats: {
        all: () => {
          this.formats.fill(0);
          for (const [format, pks] of this.groupsOf(
            'SELECT c.format, group_concat(t.pk) FROM copies c JOIN titles t ON t.id = c.title_id GROUP BY 1',
          )) {
            for (const pk of pks) this.formats[pk]! |= formatBit(format);
          }
        },
        one: (pk, id) => {
          this.formats[pk] = 0;
          for (const f of this.column('SELECT format FROM copies WHERE title_id = @title', id))
            this.formats[pk]! |= formatBit(f);
        },
        clear: (pk) => (this.formats[pk] = 0),
      },
      statuses: {
        all: () => {
          this.status.fill(0);
          for (const [status, pks] of this.groupsOf(
            `SELECT s.status, group_concat(t.pk) FROM statuses s JOIN titles t ON t.id = s.title_id
             WHERE s.profile_id = @profile GROUP BY 1`,
          )) {
            for (const pk of pks) this.status[pk] = statusCode(status);
          }
        },
        one: (pk, id) => {
          const [status] = this.column(
            'SELECT status FROM statuses WHERE profile_id = @profile AND title_id = @title',
            id,
          );
          this.status[pk] = status ? statusCode(status) : 0;
        },
        clear: (pk) => (this.status[pk] = 0),
      },
      ratings: {
        all: () => {
          this.rating.fill(0);
          for (const [halves, pks] of this.groupsOf(
            `SELECT CAST(r.stars * 2 AS INTEGER), group_concat(t.pk) FROM ratings r JOIN titles t ON t.id = r.title_id
             WHERE r.profile_id = @profile GROUP BY 1`,
          )) {
            for (const pk of pks) this.rating[pk] = Number(halves);
          }
        },
        one: (pk, id) => {
          const [stars] = this.column(
            'SELECT stars FROM ratings WHERE profile_id = @profile AND title_id = @title',
            id,
          );
          this.rating[pk] = stars ? Math.round(Number(stars) * 2) : 0;
        },
        clear: (pk) => (this.rating[pk] = 0),
      },
      watch: {
        all: () => {
          this.watchCount.fill(0);
          this.lastWatched = [];
          const [pks, counts, lasts] = this.sqlite
            .prepare(
              `SELECT group_concat(t.pk), group_concat(w.watch_count), group_concat(coalesce(w.last_watched_on, ''))
               FROM watch_summary w JOIN titles t ON t.id = w.title_id WHERE w.profile_id = ?`,
            )
            .raw()
            .get(this.profileId) as (string | null)[];
          const countList = ints(counts ?? null);
          const lastList = (lasts ?? '').split(',');
          ints(pks ?? null).forEach((pk, i) => {
            this.watchCount[pk] = countList[i]!;
            this.lastWatched[pk] = lastList[i] || null;
          });
        },
        one: (pk, id) => {
          const w = this.sqlite
            .prepare(
              'SELECT watch_count, last_watched_on FROM watch_summary WHERE profile_id = ? AND title_id = ?',
            )
            .raw()
            .get(this.profileId, id) as [number, string | null] | undefined;
          this.watchCount[pk] = w?.[0] ?? 0;
          this.lastWatched[pk] = w?.[1] ?? null;
        },
        clear: (pk) => {
          this.watchCount[pk] = 0;
          this.lastWatched[pk] = null;
        },
      },
    };
  }

  /** Makes sure these groups are loaded and current; cheap when nothing changed. */
  need(...groups: FacetGroup[]): void {
    if (!this.triggers) this.installTriggers();
    const dirty = this.sqlite.prepare('SELECT DISTINCT pk FROM temp.facet_dirty').pluck().all() as number[];
    if (dirty.length > 0) {
      this.sqlite.exec('DELETE FROM temp.facet_dirty');
      this.orders.clear();
      if (dirty.length > 2_000) this.loaded.clear();
      else for (const pk of dirty) this.reload(pk);
    }
    for (const group of ['titles' as const, ...groups]) {
      if (this.loaded.has(group)) continue;
      this.loaders[group].all();
      this.loaded.add(group);
    }
  }

  private reload(pk: number): void {
    if (pk >= this.size) this.allocate(Math.max(pk + 1, this.size * 2));
    const id = this.sqlite.prepare('SELECT id FROM titles WHERE pk = ?').pluck().get(pk) as
      string | undefined;
    for (const group of this.loaded) {
      this.loaders[group].clear(pk);
      if (id !== undefined) this.loaders[group].one(pk, id);
    }
  }

  /**
   * better-sqlite3 builds a JS array per returned row, which at 100k titles costs more than
   * the query; so SQLite groups pks by facet value and concatenates them into one string.
   * `@profile` in the SQL is the profile.
   */
  private groupsOf(sql: string): [string, number[]][] {
    const rows = this.sqlite
      .prepare(sql)
      .raw()
      .all(...this.params(sql)) as [string, string][];
    return rows.map(([value, pks]) => [value, ints(pks)]);
  }

  /** One column for one title; `@profile` is the profile, `@title` the title id. */
  private column(sql: string, id: string): string[] {
    return this.sqlite
      .prepare(sql)
      .pluck()
      .all(...this.params(sql, id)) as string[];
  }

  /** better-sqlite3 refuses a bindings object for SQL that has no parameters, and unused keys otherwise are fine. */
  private params(sql: string, title?: string): { profile: string; title?: string }[] {
    return sql.includes('@') ? [{ profile: this.profileId, title }] : [];
  }

  /** A facet that is a set of values per title (genres, tags, lists). */
  private setGroup(
    map: Map<string, Set<number>>,
    allSql: string,
    oneSql: string,
    key: (value: string) => string,
  ): Loader {
    return {
      all: () => {
        map.clear();
        for (const [value, pks] of this.groupsOf(allSql)) for (const pk of pks) add(map, key(value), pk);
      },
      one: (pk, id) => {
        for (const value of this.column(oneSql, id)) add(map, key(value), pk);
      },
      clear: (pk) => {
        for (const set of map.values()) set.delete(pk);
      },
    };
  }

  private loadTitles(): void {
    const q = this.sqlite;
    const maxPk = q.prepare('SELECT coalesce(max(pk), 0) FROM titles').pluck().get() as number;
    this.size = 0;
    this.allocate(maxPk + 1024);
    this.sortTitle = [];
    this.createdAt = [];
    const [pks, kinds, years, words] = q
      .prepare(
        `SELECT group_concat(pk), group_concat(kind), group_concat(year), group_concat(search_words)
         FROM (SELECT pk, kind, coalesce(year, 0) AS year, search_words FROM titles ORDER BY pk)`,
      )
      .raw()
      .get() as (string | null)[];
    const kindList = (kinds ?? '').split(',');
    const yearList = ints(years ?? null);
    const wordList = ints(words ?? null);
    const sortTitles = q.prepare('SELECT sort_title FROM titles ORDER BY pk').pluck().all() as string[];
    const created = q.prepare('SELECT created_at FROM titles ORDER BY pk').pluck().all() as string[];
    ints(pks ?? null).forEach((pk, i) =>
      this.setTitle(pk, kindList[i] as TitleKind, yearList[i]!, wordList[i]!, sortTitles[i]!, created[i]!),
    );
    // Every other group's arrays were just reallocated empty.
    this.loaded.clear();
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
    this.kind[pk] = kindCode(kind);
    this.year[pk] = year ?? 0;
    this.words[pk] = Math.min(words, 255);
    this.sortTitle[pk] = sortTitle.toLowerCase();
    this.createdAt[pk] = createdAt;
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

  /** Every title pk in the order of a sort key, built once per change. */
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

  inGenres = (genres: string[]) => union(this.genres, genres.map(caseless));
  inTags = (tags: string[]) => union(this.tags, tags.map(caseless));
  inList = (listId: string) => this.lists.get(listId) ?? new Set<number>();

  /** Writes to these tables change what a title's facets are. */
  private installTriggers(): void {
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
    this.triggers = true;
  }
}

/** Genres and tags match whatever the case; JS, not SQLite's lower(), knows "É" from "é". */
export const caseless = (s: string) => s.toLocaleLowerCase('und');

const ints = (s: string | null): number[] => (s ? s.split(',').map(Number) : []);

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
export const statusCode = (status: string) =>
  WATCH_STATUSES.indexOf(status as (typeof WATCH_STATUSES)[number]) + 1;
export const kindCode = (kind: TitleKind) => TITLE_KINDS.indexOf(kind) + 1;
