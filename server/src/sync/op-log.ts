import type { StoredOp, SyncOp } from '@reelshelf/shared/sync';
import type { Store } from '../store/open.ts';

export type AppendResult =
  | { status: 'stored'; seq: number }
  | { status: 'duplicate'; seq: number }
  | { status: 'rejected'; reason: string };

export interface PullPage {
  ops: StoredOp[];
  last: number;
  head: number;
  hasMore: boolean;
}

interface OpRow {
  seq: number;
  opId: string;
  hlc: string;
  scope: string;
  entity: SyncOp['entity'];
  rowId: string;
  field: string;
  value: string;
}

/**
 * The append-only op log. Prepared statements rather than the query builder: a push runs
 * them once per op, up to a thousand times per request.
 */
export class OpLog {
  private readonly headStmt;
  private readonly setHead;
  private readonly insert;
  private readonly existing;
  private readonly page;
  private readonly appendBatch;

  constructor(store: Store) {
    const db = store.sqlite;
    this.headStmt = db.prepare<[string], { seq: number }>('SELECT seq FROM scope_heads WHERE scope = ?');
    this.setHead = db.prepare<[string, number]>(
      'INSERT INTO scope_heads (scope, seq) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq',
    );
    // Only an op_id conflict is a retry; a (scope, seq) conflict would be a bug and must throw.
    this.insert = db.prepare<
      [string, number, string, string, string, string, string, string, string, string]
    >(
      `INSERT INTO ops (scope, seq, op_id, hlc, entity, row_id, field, value, device_id, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING`,
    );
    this.existing = db.prepare<[string], { scope: string; seq: number }>(
      'SELECT scope, seq FROM ops WHERE op_id = ?',
    );
    this.page = db.prepare<[string, number, number], OpRow>(
      `SELECT seq, op_id AS opId, hlc, scope, entity, row_id AS rowId, field, value
       FROM ops WHERE scope = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.appendBatch = db.transaction((deviceId: string, ops: SyncOp[]) => {
      const heads = new Map<string, number>();
      const receivedAt = new Date().toISOString();
      const results = ops.map((op): AppendResult => {
        const head = heads.get(op.scope) ?? this.head(op.scope);
        const { changes } = this.insert.run(
          op.scope,
          head + 1,
          op.opId,
          op.hlc,
          op.entity,
          op.rowId,
          op.field,
          JSON.stringify(op.value),
          deviceId,
          receivedAt,
        );
        if (changes === 1) {
          heads.set(op.scope, head + 1);
          return { status: 'stored', seq: head + 1 };
        }
        const had = this.existing.get(op.opId)!;
        if (had.scope !== op.scope)
          return { status: 'rejected', reason: `opId ${op.opId} is already used by an op of another scope` };
        return { status: 'duplicate', seq: had.seq };
      });
      for (const [scope, seq] of heads) this.setHead.run(scope, seq);
      return { results, heads };
    });
  }

  head(scope: string): number {
    return this.headStmt.get(scope)?.seq ?? 0;
  }

  /**
   * Appends a batch in one transaction (immediate: it writes anyway, and taking the write
   * lock up front cannot fail half-way). Returns a result per op in order and the new head
   * of every scope that got an op. Durable when this returns (synchronous=FULL).
   */
  append(deviceId: string, ops: SyncOp[]): { results: AppendResult[]; heads: Map<string, number> } {
    if (ops.length === 0) return { results: [], heads: new Map() };
    return this.appendBatch.immediate(deviceId, ops);
  }

  /** Ops with seq > after, in seq order. Synchronous on one connection, so head and rows agree. */
  pull(scope: string, after: number, limit: number): PullPage {
    const head = this.head(scope);
    const ops = this.page
      .all(scope, after, limit)
      .map((r) => ({ ...r, value: JSON.parse(r.value) as unknown }));
    const last = ops.at(-1)?.seq ?? after;
    return { ops, last, head, hasMore: last < head };
  }
}
