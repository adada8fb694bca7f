import type Database from 'better-sqlite3';
import { checkOp, DEFAULT_PROFILE_KEY, type EntityName, type SyncOp } from '@reelshelf/shared/sync';
import { newId, type Ctx } from '../context';
import { syncOwner } from './account';
import { statement } from '../db/statements';
import { syncStatusLists } from '../history/history';
import { splitLast } from './codecs/keys';
import { allCodecs, parentExists, type Codec, type CodecDeps } from './codecs';
import { canonicalJson } from './canonical-json';
import { SyncClock } from './clock';
import { isLive, Registers } from './registers';

/** Entities other rows belong to: when one appears, rows waiting for it are written. */
const PARENT_ENTITIES = new Set<EntityName>(['profile', 'title', 'list']);

/** What the doors are told changed, per synced entity. */
const CHANGED: Record<EntityName, string> = {
  profile: 'profiles',
  title: 'titles',
  copy: 'copies',
  watch: 'watches',
  rating: 'ratings',
  review: 'reviews',
  status: 'statuses',
  list: 'lists',
  listItem: 'lists',
  tag: 'tags',
  titleTag: 'tags',
};

export interface ApplyResult {
  /** Ops whose value became the newest for their field. */
  applied: number;
  /** Ops already known or older than what we have (duplicates, replays, lost races). */
  ignored: number;
  /** Ops that failed validation (kept in sync_rejected with the reason). */
  rejected: number;
  /** Doors' entity names that changed. */
  changed: string[];
  /** Local ops made while applying (lists put in step with a status): to be sent. */
  produced: number;
}

export interface OutboxOp extends Omit<SyncOp, 'scope'> {
  seq: number;
}

/** Rows per multi-row INSERT when writing ops (5–6 parameters each, well under SQLite's limit). */
const OPS_PER_STATEMENT = 100;

/**
 * This library as a sync replica. Local writes: TEMP triggers (this connection only)
 * note every changed row; at the end of the command's transaction `captureLocal` turns
 * the changed fields into HLC-stamped ops in the outbox and the registers — in the same
 * transaction, so a change and its ops commit or vanish together. Remote ops: `applyRemote`
 * keeps, per field, the value with the newest stamp and writes the rows from the
 * registers. Both must run inside a transaction.
 */
export class Replica {
  readonly clock: SyncClock;
  readonly registers: Registers;
  private readonly codecs: Map<EntityName, Codec>;
  private readonly deps: CodecDeps;
  private readonly sqlite: Database.Database;

  constructor(
    private readonly ctx: Ctx,
    deviceClock: () => number = Date.now,
  ) {
    this.sqlite = ctx.lib.sqlite;
    this.clock = new SyncClock(this.sqlite, deviceClock);
    this.registers = new Registers(this.sqlite);
    this.deps = {
      ctx,
      defaultProfileId: ctx.profileId,
      sql: (text) => this.sql(text),
      registered: (entity, key) => this.registers.values(entity, key),
    };
    this.codecs = allCodecs(this.deps);
    this.sqlite.exec(
      'CREATE TEMP TABLE IF NOT EXISTS sync_touched (entity TEXT NOT NULL, ref TEXT NOT NULL)',
    );
    this.startCapture();
  }

  private sql(text: string): Database.Statement {
    return statement(this.sqlite, text);
  }

  private triggerSql(): { name: string; create: string }[] {
    const out: { name: string; create: string }[] = [];
    for (const codec of this.codecs.values()) {
      for (const [table, ref] of Object.entries(codec.refs)) {
        const note = (row: 'NEW' | 'OLD') =>
          `INSERT INTO temp.sync_touched VALUES ('${codec.entity}', ${ref.replaceAll('R.', `${row}.`)});`;
        for (const [event, body] of [
          ['INSERT', note('NEW')],
          ['UPDATE', note('NEW') + note('OLD')],
          ['DELETE', note('OLD')],
        ] as const) {
          const name = `sync_${codec.entity}_${table}_${event.toLowerCase()}`;
          out.push({
            name,
            create: `CREATE TEMP TRIGGER IF NOT EXISTS ${name} AFTER ${event} ON main.${table} BEGIN ${body} END`,
          });
        }
      }
    }
    // Credits carry people's names and ids: a person corrected changes every title they are in.
    out.push({
      name: 'sync_title_people_update',
      create: `CREATE TEMP TRIGGER IF NOT EXISTS sync_title_people_update AFTER UPDATE ON main.people BEGIN
        INSERT INTO temp.sync_touched SELECT 'title', title_id FROM credits WHERE person_id = NEW.id; END`,
    });
    return out;
  }

  private startCapture(): void {
    for (const t of this.triggerSql()) this.sqlite.exec(t.create);
  }

  /**
   * Runs bulk work whose rows are not captured as they are written (the demo generator):
   * they get no ops now; `captureAll` picks them up at the first sign-in.
   */
  withoutCapture<T>(work: () => T): T {
    for (const t of this.triggerSql()) this.sqlite.exec(`DROP TRIGGER IF EXISTS temp.${t.name}`);
    try {
      return work();
    } finally {
      this.startCapture();
    }
  }

  private takeTouched(): { entity: EntityName; ref: string }[] {
    const rows = this.sql(
      'SELECT DISTINCT entity, ref FROM temp.sync_touched WHERE ref IS NOT NULL',
    ).all() as {
      entity: EntityName;
      ref: string;
    }[];
    this.sql('DELETE FROM temp.sync_touched').run();
    return rows;
  }

  /** Ops made by the current capture, written in batches (flushOps) before anything reads them back. */
  private pending: [entity: EntityName, key: string, field: string, hlc: string, json: string][] = [];

  private emit(entity: EntityName, key: string, field: string, json: string, hlc = this.clock.next()): void {
    this.pending.push([entity, key, field, hlc, json]);
    if (this.pending.length >= OPS_PER_STATEMENT * 4) this.flushOps();
  }

  /**
   * Writes pending ops to the registers and the outbox, many rows per statement (a
   * 10,000-row import makes ~80,000 ops; fewer calls into SQLite per op).
   */
  private flushOps(): void {
    for (let at = 0; at < this.pending.length; at += OPS_PER_STATEMENT) {
      const batch = this.pending.slice(at, at + OPS_PER_STATEMENT);
      const n = batch.length;
      this.sql(
        `INSERT INTO sync_registers (entity, row_key, field, hlc, value) VALUES ${'(?, ?, ?, ?, ?), '.repeat(n).slice(0, -2)}
         ON CONFLICT (entity, row_key, field) DO UPDATE SET hlc = excluded.hlc, value = excluded.value`,
      ).run(batch.flat());
      this.sql(
        `INSERT INTO sync_outbox (op_id, hlc, entity, row_key, field, value) VALUES ${'(?, ?, ?, ?, ?, ?), '.repeat(n).slice(0, -2)}`,
      ).run(batch.flatMap(([entity, key, field, hlc, json]) => [newId(), hlc, entity, key, field, json]));
    }
    this.pending = [];
  }

  private setWaiting(entity: EntityName, key: string, needs: string): void {
    this.sql('INSERT OR REPLACE INTO sync_waiting (entity, row_key, needs) VALUES (?, ?, ?)').run(
      entity,
      key,
      needs,
    );
  }

  private clearWaiting(entity: EntityName, key: string): void {
    this.sql('DELETE FROM sync_waiting WHERE entity = ? AND row_key = ?').run(entity, key);
  }

  /**
   * A synced row that is gone locally without a delete of its own (its title or list was
   * removed and took it along) waits for that parent instead of being deleted everywhere:
   * restoring the parent brings it back. Returns false when its parents all exist, i.e.
   * the row itself was deleted.
   */
  private waitIfOrphaned(codec: Codec, key: string): boolean {
    const fields = this.registers.values(codec.entity, key);
    const missing = codec.parents(key, fields).find((p) => !parentExists(this.deps, p.entity, p.key));
    if (missing) this.setWaiting(codec.entity, key, missing.key);
    return missing !== undefined;
  }

  /** Turns the rows changed by the current transaction into ops. Returns how many ops. */
  captureLocal(onProgress?: (done: number, total: number) => void): number {
    // Ops left over from a capture whose transaction failed were rolled back with it.
    this.pending = [];
    const touched = this.takeTouched();
    // A library that has never been signed in keeps no sync state: the first sign-in queues
    // every row (captureAll) anyway. Until then imports and scans do not pay for ops (about
    // half the time of a 50,000-file first scan). Once signed in, always captured — also after
    // a sign-out, so that nothing done offline is missed.
    if (!touched.length || syncOwner(this.sqlite) === undefined) return 0;
    let ops = 0;
    const appeared: string[] = [];
    touched.forEach(({ entity, ref }, i) => {
      const codec = this.codecs.get(entity)!;
      const current = codec.read(ref);
      if (current) {
        const known = this.registers.row(entity, current.key);
        const wasLive = isLive(known);
        const json = new Map(Object.entries(current.fields).map(([f, v]) => [f, canonicalJson(v)]));
        // A field no device has ever set reads as empty everywhere (null, or no genres and no
        // credits): a new row's empty fields need no ops.
        const changed = new Set(
          [...json.keys()].filter((f) => {
            const was = known.get(f);
            return was ? was.value !== json.get(f) : json.get(f) !== 'null' && json.get(f) !== '[]';
          }),
        );
        for (const group of codec.groups ?? []) {
          if (group.some((f) => changed.has(f))) for (const f of group) changed.add(f);
        }
        // One stamp for the row's changes: fields changed together win or lose together.
        const hlc = changed.size ? this.clock.next() : undefined;
        for (const field of changed) {
          this.emit(entity, current.key, field, json.get(field)!, hlc);
          ops++;
        }
        // Only a row that was deleted needs "not deleted" said: a row nobody has seen is live by its fields.
        if (!wasLive && known.size > 0) {
          this.emit(entity, current.key, 'deleted', 'false');
          ops++;
        }
        // Written here, whatever it was waiting for (e.g. fields still on their way).
        this.clearWaiting(entity, current.key);
        if (PARENT_ENTITIES.has(entity)) appeared.push(current.key);
      } else {
        const key = codec.keyOf(ref);
        if (codec.existsWhileUsed) return;
        this.flushOps(); // the checks below read the registers
        if (isLive(this.registers.row(entity, key)) && !this.waitIfOrphaned(codec, key)) {
          this.emit(entity, key, 'deleted', 'true');
          ops++;
        }
      }
      if (onProgress && (i % 5000 === 0 || i === touched.length - 1)) onProgress(i + 1, touched.length);
    });
    this.flushOps();
    this.wake(appeared);
    this.takeTouched(); // rows written by wake() came from the registers: nothing new to send
    this.clock.persist();
    return ops;
  }

  /** Queues every row of the library that the registers do not know yet (first sign-in). */
  captureAll(onProgress?: (done: number, total: number) => void): number {
    const add = this.sql('INSERT INTO temp.sync_touched VALUES (?, ?)');
    for (const codec of this.codecs.values()) for (const ref of codec.allRefs()) add.run(codec.entity, ref);
    return this.captureLocal(onProgress);
  }

  /** Writes rows that were waiting for one of these keys, and then rows waiting for those. */
  private wake(keys: string[]): string[] {
    const written: string[] = [];
    const queue = [...keys];
    const waiting = this.sql('SELECT entity, row_key AS key FROM sync_waiting WHERE needs = ?');
    while (queue.length) {
      const needed = queue.pop()!;
      for (const { entity, key } of waiting.all(needed) as { entity: EntityName; key: string }[]) {
        const codec = this.codecs.get(entity)!;
        const still = codec.write(key, this.registers.values(entity, key));
        if (still === null) {
          this.clearWaiting(entity, key);
          written.push(entity);
          if (PARENT_ENTITIES.has(entity)) queue.push(key);
        } else {
          this.setWaiting(entity, key, still);
        }
      }
    }
    return written;
  }

  /**
   * Applies ops pulled from the server, in any order, any number of times: per field the
   * newest stamp wins, so duplicates, replays and reordering change nothing.
   */
  applyRemote(ops: readonly unknown[]): ApplyResult {
    this.takeTouched(); // nothing local is pending here: the caller's transaction only applies
    const byEntity = new Map<EntityName, Set<string>>();
    let applied = 0;
    let ignored = 0;
    let rejected = 0;
    for (const raw of ops) {
      const check = checkOp(raw);
      if (!check.ok) {
        rejected++;
        this.sql(
          'INSERT OR REPLACE INTO sync_rejected (op_id, direction, op, reason) VALUES (?, ?, ?, ?)',
        ).run(check.opId ?? newId(), 'pull', JSON.stringify(raw), check.reason);
        continue;
      }
      const { entity, rowId, field, hlc, value } = check.op;
      this.clock.receive(hlc);
      const known = this.registers.get(entity, rowId, field);
      if (known && known.hlc >= hlc) {
        ignored++;
        continue;
      }
      this.registers.set(entity, rowId, field, hlc, canonicalJson(value));
      applied++;
      let keys = byEntity.get(entity);
      if (!keys) byEntity.set(entity, (keys = new Set()));
      keys.add(rowId);
    }

    const appeared: string[] = [];
    const changed = new Set<string>();
    for (const codec of this.codecs.values()) {
      for (const key of byEntity.get(codec.entity) ?? []) {
        changed.add(CHANGED[codec.entity]);
        const fields = this.registers.values(codec.entity, key);
        if (fields.deleted === true) {
          codec.remove(key);
          this.clearWaiting(codec.entity, key);
          continue;
        }
        const still = codec.write(key, fields);
        if (still === null) {
          this.clearWaiting(codec.entity, key);
          if (PARENT_ENTITIES.has(codec.entity)) appeared.push(key);
        } else {
          this.setWaiting(codec.entity, key, still);
        }
      }
    }
    // Rows removed along with a deleted parent wait for it (a restore brings them back).
    for (const { entity, ref } of this.takeTouched()) {
      const codec = this.codecs.get(entity)!;
      if (codec.read(ref)) continue;
      const key = codec.keyOf(ref);
      if (isLive(this.registers.row(entity, key))) this.waitIfOrphaned(codec, key);
    }
    for (const entity of this.wake(appeared)) changed.add(CHANGED[entity as EntityName]);
    this.takeTouched();
    const produced = this.followStatuses(byEntity.get('status'));
    this.clock.persist();
    return { applied, ignored, rejected, changed: [...changed], produced };
  }

  /**
   * A status keeps the Watching and Completed lists in step (watch.setStatus). Statuses and
   * list items sync separately, so concurrent statuses could leave a title on both lists;
   * when a status arrives, the lists are put in step with the winning one here, and that
   * change is sent on like any local change. Returns how many ops it made.
   */
  private followStatuses(keys: Set<string> | undefined): number {
    if (!keys?.size) return 0;
    const current = this.sql('SELECT status FROM statuses WHERE profile_id = ? AND title_id = ?').pluck();
    for (const key of keys) {
      const [profile, title] = splitLast(key);
      if (profile !== DEFAULT_PROFILE_KEY || !parentExists(this.deps, 'title', title)) continue;
      const status = (current.get(this.ctx.profileId, title) as string | undefined) ?? null;
      syncStatusLists(this.ctx, title, status);
    }
    return this.captureLocal();
  }

  /** Oldest unacknowledged local ops first. */
  outbox(limit: number): OutboxOp[] {
    return (
      this.sql(
        'SELECT seq, op_id, hlc, entity, row_key, field, value FROM sync_outbox ORDER BY seq LIMIT ?',
      ).all(limit) as {
        seq: number;
        op_id: string;
        hlc: string;
        entity: EntityName;
        row_key: string;
        field: string;
        value: string;
      }[]
    ).map((r) => ({
      seq: r.seq,
      opId: r.op_id,
      hlc: r.hlc,
      entity: r.entity,
      rowId: r.row_key,
      field: r.field,
      value: JSON.parse(r.value) as unknown,
    }));
  }

  outboxSize(): number {
    return this.sql('SELECT count(*) FROM sync_outbox').pluck().get() as number;
  }

  /** The server has these ops for good: they leave the outbox. */
  acknowledge(opIds: string[]): void {
    const del = this.sql('DELETE FROM sync_outbox WHERE op_id = ?');
    for (const id of opIds) del.run(id);
  }

  /** The server refused these ops: they leave the outbox but are kept, with the reason, in sync_rejected. */
  setAside(refused: { op: OutboxOp; reason: string }[]): void {
    for (const { op, reason } of refused) {
      this.sql('INSERT OR REPLACE INTO sync_rejected (op_id, direction, op, reason) VALUES (?, ?, ?, ?)').run(
        op.opId,
        'push',
        JSON.stringify(op),
        reason,
      );
    }
    this.acknowledge(refused.map((r) => r.op.opId));
  }

  /**
   * New stamps (and ids), in their original order, for every unsent op (after the device clock was
   * found to be wrong); registers that still hold an op's value take its new stamp.
   */
  retimeOutbox(): number {
    const rows = this.sql('SELECT seq, hlc, entity, row_key, field FROM sync_outbox ORDER BY seq').all() as {
      seq: number;
      hlc: string;
      entity: string;
      row_key: string;
      field: string;
    }[];
    // A new op id too: if the server already stored the op under its old stamp (its answer
    // was lost), the old copy must stay a different op, one that loses to this one.
    const setOp = this.sql('UPDATE sync_outbox SET hlc = ?, op_id = ? WHERE seq = ?');
    const setRegister = this.sql(
      'UPDATE sync_registers SET hlc = ? WHERE entity = ? AND row_key = ? AND field = ? AND hlc = ?',
    );
    for (const r of rows) {
      const hlc = this.clock.next();
      setOp.run(hlc, newId(), r.seq);
      setRegister.run(hlc, r.entity, r.row_key, r.field, r.hlc);
    }
    this.clock.persist();
    return rows.length;
  }

  /**
   * Every synced row as it reads locally, by entity and key, in key order: two replicas
   * that have converged give equal snapshots whatever their local ids are.
   */
  snapshot(): Record<string, Record<string, Record<string, unknown>>> {
    const out: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const codec of this.codecs.values()) {
      const rows = codec
        .allRefs()
        .map((ref) => codec.read(ref)!)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      out[codec.entity] = Object.fromEntries(rows.map((r) => [r.key, r.fields]));
    }
    return out;
  }

  /** Forgets everything synced (another account signs in): the next capture sends the whole library. */
  reset(): void {
    this.sqlite.exec(
      'DELETE FROM sync_registers; DELETE FROM sync_outbox; DELETE FROM sync_waiting; DELETE FROM sync_cursors;',
    );
  }
}
