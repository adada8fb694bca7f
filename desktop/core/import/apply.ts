/**
 * Writes the facts of imported rows, idempotently. The dedupe keys (docs/IMPORT.md):
 *
 * - watch: the source's own id for the viewing (`import_links`), else the same title on the
 *   same date — the n-th such row of a file matches the n-th viewing already there, so two
 *   viewings on one day stay two and a re-import adds none;
 * - watched (no viewing of its own): any viewing of the title;
 * - rating: one per title; the newest dated rating of the file wins, and a rating made here
 *   after the file's date is kept;
 * - list item: list + title (custom lists are found by name, case-insensitive);
 * - review: the source's id for it, else the same text on the same title;
 * - tag: title + tag (case-insensitive); status: one per title; owned copy: title + format.
 *
 * Runs inside the import's transaction.
 */
import { generateNKeysBetween } from 'fractional-indexing';
import { newId, now, type Ctx } from '../context';
import { statement } from '../db/statements';
import { resolveListId } from '../catalog/lookup';
import { syncStatusLists } from '../history/history';
import { tagId } from '../tags/tags';
import type { Fact, ListTarget } from './records';

export type Outcome = 'created' | 'updated' | 'unchanged';

export type Changes = Record<string, { created: number; updated: number }>;

/** A fact together with the title it was resolved to and its place in the file. */
export interface PlacedFact {
  titleId: string;
  fact: Fact;
  /** Order of the row in the import: later rows win ties. */
  order: number;
}

const stamp = (on: string | undefined) => (on ? `${on}T00:00:00.000Z` : now());

export class FactWriter {
  readonly changes: Changes = {};
  /** Viewings already matched to a row of this import: each counts once. */
  private readonly claimed = new Set<string>();
  private readonly listIds = new Map<string, string>();
  /** New list entries, placed at the end of each list in file order once all rows are read. */
  private readonly pendingItems = new Map<
    string,
    Map<string, { titleId: string; position?: number; note?: string; on?: string }>
  >();

  constructor(private readonly ctx: Ctx) {}

  private sql(text: string) {
    return statement(this.ctx.lib.sqlite, text);
  }

  private count(table: string, outcome: Outcome): Outcome {
    if (outcome === 'unchanged') return outcome;
    const entry = (this.changes[table] ??= { created: 0, updated: 0 });
    entry[outcome]++;
    return outcome;
  }

  /** The rating that stands for each title: the newest by date; on equal dates the later row. */
  static winningRatings(facts: PlacedFact[]): Map<string, PlacedFact> {
    const best = new Map<string, PlacedFact>();
    for (const f of facts) {
      if (f.fact.type !== 'rating') continue;
      const current = best.get(f.titleId);
      const on = f.fact.on ?? '';
      const currentOn = current?.fact.type === 'rating' ? (current.fact.on ?? '') : '';
      if (!current || on > currentOn || (on === currentOn && f.order > current.order)) best.set(f.titleId, f);
    }
    return best;
  }

  apply(titleId: string, fact: Fact, ratingWins = true): Outcome {
    switch (fact.type) {
      case 'watch':
        return this.watch(titleId, fact.on, fact.key);
      case 'watched':
        return this.watched(titleId);
      case 'rating':
        return ratingWins ? this.rating(titleId, fact.stars, fact.on) : 'unchanged';
      case 'list':
        return this.listItem(titleId, fact.list, fact);
      case 'review':
        return this.review(titleId, fact);
      case 'tag':
        return this.tag(titleId, fact.tag);
      case 'status':
        return this.status(titleId, fact.status);
      case 'owned':
        return this.owned(titleId, fact.format, fact.on);
    }
  }

  /** What a source id became here; per entity, since a Letterboxd review and its viewing share one id. */
  private linked(entity: string, key: string | undefined): { rowId: string } | undefined {
    if (!key) return undefined;
    return this.sql('SELECT row_id AS rowId FROM import_links WHERE key = ?').get(
      `${entity}:${this.ctx.profileId}:${key}`,
    ) as { rowId: string } | undefined;
  }

  private link(entity: string, key: string | undefined, rowId: string): void {
    if (!key) return;
    this.sql('INSERT OR REPLACE INTO import_links (key, entity, row_id) VALUES (?, ?, ?)').run(
      `${entity}:${this.ctx.profileId}:${key}`,
      entity,
      rowId,
    );
  }

  private watch(titleId: string, on: string | null, key: string | undefined): Outcome {
    const link = this.linked('watch', key);
    if (link) {
      this.claimed.add(link.rowId);
      const row = this.sql('SELECT watched_on AS on_ FROM watch_events WHERE id = ?').get(link.rowId) as
        { on_: string | null } | undefined;
      // Removed here since the last import: the person's deletion stands.
      if (!row || row.on_ === on) return 'unchanged';
      this.sql('UPDATE watch_events SET watched_on = ? WHERE id = ?').run(on, link.rowId);
      return this.count('watch_events', 'updated');
    }
    const same = this.sql(
      `SELECT id FROM watch_events WHERE profile_id = ? AND title_id = ? AND watched_on IS ? ORDER BY created_at, id`,
    )
      .pluck()
      .all(this.ctx.profileId, titleId, on) as string[];
    const free = same.find((id) => !this.claimed.has(id));
    if (free) {
      this.claimed.add(free);
      this.link('watch', key, free);
      return 'unchanged';
    }
    const id = newId();
    this.sql(
      `INSERT INTO watch_events (id, profile_id, title_id, watched_on, source) VALUES (?, ?, ?, ?, 'import')`,
    ).run(id, this.ctx.profileId, titleId, on);
    this.claimed.add(id);
    this.link('watch', key, id);
    return this.count('watch_events', 'created');
  }

  private watched(titleId: string): Outcome {
    const any = this.sql('SELECT 1 FROM watch_events WHERE profile_id = ? AND title_id = ? LIMIT 1').get(
      this.ctx.profileId,
      titleId,
    );
    if (any) return 'unchanged';
    return this.watch(titleId, null, undefined);
  }

  private rating(titleId: string, stars: number, on: string | undefined): Outcome {
    const row = this.sql(
      'SELECT stars, rated_at AS ratedAt FROM ratings WHERE profile_id = ? AND title_id = ?',
    ).get(this.ctx.profileId, titleId) as { stars: number; ratedAt: string } | undefined;
    if (row && row.stars === stars) return 'unchanged';
    // A rating the file does not date cannot be newer than the one made here: ours stands.
    if (row && !on) return 'unchanged';
    // Rated here after the file's date: the newer rating is the person's current opinion.
    if (row && on && row.ratedAt.slice(0, 10) > on) return 'unchanged';
    this.sql(
      `INSERT INTO ratings (profile_id, title_id, stars, rated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (profile_id, title_id) DO UPDATE SET stars = excluded.stars, rated_at = excluded.rated_at`,
    ).run(this.ctx.profileId, titleId, stars, stamp(on));
    return this.count('ratings', row ? 'updated' : 'created');
  }

  /** System lists exist in every profile; a custom list is found by name or created. */
  private listId(target: ListTarget): string {
    const key = 'system' in target ? `system:${target.system}` : `name:${target.name.toLowerCase()}`;
    let id = this.listIds.get(key);
    if (id) return id;
    if ('system' in target) id = resolveListId(this.ctx, target.system);
    else {
      id = this.sql(
        'SELECT id FROM lists WHERE profile_id = ? AND system IS NULL AND query IS NULL AND name = ? COLLATE NOCASE',
      )
        .pluck()
        .get(this.ctx.profileId, target.name) as string | undefined;
      if (!id) {
        id = newId();
        this.sql(
          'INSERT INTO lists (id, profile_id, name, description, system, ranked) VALUES (?, ?, ?, ?, NULL, ?)',
        ).run(
          id,
          this.ctx.profileId,
          target.name,
          target.description ?? null,
          target.ranked === false ? 0 : 1,
        );
        this.count('lists', 'created');
      }
    }
    this.listIds.set(key, id);
    return id;
  }

  private listItem(
    titleId: string,
    target: ListTarget,
    fact: { position?: number; note?: string; on?: string },
  ): Outcome {
    const listId = this.listId(target);
    const exists = this.sql('SELECT 1 FROM list_items WHERE list_id = ? AND title_id = ?').get(
      listId,
      titleId,
    );
    const pending = this.pendingItems.get(listId) ?? new Map();
    if (exists || pending.has(titleId)) return 'unchanged';
    pending.set(titleId, { titleId, position: fact.position, note: fact.note, on: fact.on });
    this.pendingItems.set(listId, pending);
    return this.count('list_items', 'created');
  }

  /** Puts the new list entries at the end of their lists, ranked lists in the file's order. */
  flushLists(): void {
    for (const [listId, items] of this.pendingItems) {
      const last = this.sql('SELECT max(position) FROM list_items WHERE list_id = ?').pluck().get(listId) as
        string | null;
      const ordered = [...items.values()]
        .map((item, i) => ({ item, i }))
        .sort((a, b) => (a.item.position ?? Infinity) - (b.item.position ?? Infinity) || a.i - b.i)
        .map((x) => x.item);
      const keys = generateNKeysBetween(last, null, ordered.length);
      const insert = this.sql(
        'INSERT INTO list_items (id, list_id, title_id, position, note, added_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      ordered.forEach((item, i) =>
        insert.run(newId(), listId, item.titleId, keys[i], item.note ?? null, stamp(item.on)),
      );
    }
    this.pendingItems.clear();
  }

  private review(titleId: string, fact: Extract<Fact, { type: 'review' }>): Outcome {
    const link = this.linked('review', fact.key);
    if (link) {
      const row = this.sql('SELECT text FROM reviews WHERE id = ?').get(link.rowId) as
        { text: string } | undefined;
      if (!row || row.text === fact.text) return 'unchanged';
      this.sql('UPDATE reviews SET text = ?, contains_spoilers = ?, updated_at = ? WHERE id = ?').run(
        fact.text,
        fact.containsSpoilers ? 1 : 0,
        now(),
        link.rowId,
      );
      return this.count('reviews', 'updated');
    }
    const same = this.sql('SELECT id FROM reviews WHERE profile_id = ? AND title_id = ? AND text = ?').get(
      this.ctx.profileId,
      titleId,
      fact.text,
    ) as { id: string } | undefined;
    if (same) {
      this.link('review', fact.key, same.id);
      return 'unchanged';
    }
    const id = newId();
    const at = stamp(fact.on);
    this.sql(
      `INSERT INTO reviews (id, profile_id, title_id, text, contains_spoilers, visibility, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'private', ?, ?)`,
    ).run(id, this.ctx.profileId, titleId, fact.text, fact.containsSpoilers ? 1 : 0, at, at);
    this.link('review', fact.key, id);
    return this.count('reviews', 'created');
  }

  private tag(titleId: string, tag: string): Outcome {
    const id = tagId(this.ctx, tag, true)!;
    const { changes } = this.sql('INSERT OR IGNORE INTO title_tags (title_id, tag_id) VALUES (?, ?)').run(
      titleId,
      id,
    );
    return changes ? this.count('title_tags', 'created') : 'unchanged';
  }

  private status(titleId: string, status: string): Outcome {
    const row = this.sql('SELECT status FROM statuses WHERE profile_id = ? AND title_id = ?').get(
      this.ctx.profileId,
      titleId,
    ) as { status: string } | undefined;
    if (row?.status === status) return 'unchanged';
    this.sql(
      `INSERT INTO statuses (profile_id, title_id, status) VALUES (?, ?, ?)
       ON CONFLICT (profile_id, title_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ).run(this.ctx.profileId, titleId, status);
    syncStatusLists(this.ctx, titleId, status);
    return this.count('statuses', row ? 'updated' : 'created');
  }

  private owned(titleId: string, format: string, on: string | undefined): Outcome {
    const exists = this.sql('SELECT 1 FROM copies WHERE title_id = ? AND format = ?').get(titleId, format);
    if (exists) return 'unchanged';
    this.sql('INSERT INTO copies (id, title_id, format, purchase_date) VALUES (?, ?, ?, ?)').run(
      newId(),
      titleId,
      format,
      on ?? null,
    );
    return this.count('copies', 'created');
  }
}
