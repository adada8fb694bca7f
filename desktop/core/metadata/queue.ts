/**
 * The enrichment queue, kept in the library (title_metadata) so work resumes after a
 * restart: `queued` rows are due at `next_attempt_at`; each ends `done`, `not-found`,
 * `ambiguous` (the person picks) or, after repeated failures of that title alone, `failed`.
 * A paused service (offline, bad key) does not count against a title.
 */
import type { Ctx } from '../context';
import { now } from '../context';
import { statement } from '../db/statements';

/** A title that keeps failing on its own (a malformed answer) is retried 1 min, 2, 4… up to a day apart, 8 times. */
const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 86_400_000;

export interface QueueCounts {
  queued: number;
  done: number;
  notFound: number;
  ambiguous: number;
  failed: number;
}

export class MetadataQueue {
  constructor(private readonly ctx: Ctx) {}

  private sql(text: string) {
    return statement(this.ctx.lib.sqlite, text);
  }

  /** Titles due now, oldest first. */
  due(limit: number, at = now()): string[] {
    return this.sql(
      `SELECT title_id FROM title_metadata WHERE state = 'queued' AND next_attempt_at <= ?
        ORDER BY next_attempt_at, title_id LIMIT ?`,
    )
      .pluck()
      .all(at, limit) as string[];
  }

  dueCount(at = now()): number {
    return this.sql(`SELECT count(*) FROM title_metadata WHERE state = 'queued' AND next_attempt_at <= ?`)
      .pluck()
      .get(at) as number;
  }

  counts(): QueueCounts {
    const rows = this.sql('SELECT state, count(*) AS n FROM title_metadata GROUP BY state').all() as {
      state: string;
      n: number;
    }[];
    const n = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    return {
      queued: n('queued'),
      done: n('done'),
      notFound: n('not-found'),
      ambiguous: n('ambiguous'),
      failed: n('failed'),
    };
  }

  /** Films and series (all of them when `titleIds` is left out) are due now. */
  enqueue(titleIds?: string[]): number {
    const at = now();
    const put = this.sql(
      `INSERT INTO title_metadata (title_id, state, queued_at, next_attempt_at, attempts)
       SELECT id, 'queued', ?, ?, 0 FROM titles WHERE id = ? AND kind IN ('movie', 'series')
       ON CONFLICT (title_id) DO UPDATE SET state = 'queued', queued_at = excluded.queued_at,
         next_attempt_at = excluded.next_attempt_at, attempts = 0, last_error = NULL`,
    );
    const ids =
      titleIds ??
      (this.sql(`SELECT id FROM titles WHERE kind IN ('movie', 'series')`).pluck().all() as string[]);
    let n = 0;
    for (const id of ids) n += put.run(at, at, id).changes;
    return n;
  }

  finish(
    titleId: string,
    state: 'done' | 'not-found' | 'ambiguous',
    detail: { matchedBy?: string; note?: string } = {},
  ): void {
    this.sql(
      `UPDATE title_metadata SET state = ?, refreshed_at = ?, matched_by = ?, last_error = ?, next_attempt_at = NULL
        WHERE title_id = ?`,
    ).run(state, now(), detail.matchedBy ?? null, detail.note ?? null, titleId);
  }

  /** This title's request failed for a reason of its own: try it again later, then give up. */
  retryLater(titleId: string, error: string): void {
    const attempts =
      ((this.sql('SELECT attempts FROM title_metadata WHERE title_id = ?').pluck().get(titleId) as
        number | undefined) ?? 0) + 1;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1));
    this.sql(
      `UPDATE title_metadata SET attempts = ?, last_error = ?, state = ?, next_attempt_at = ? WHERE title_id = ?`,
    ).run(
      attempts,
      error,
      attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
      new Date(Date.now() + delay).toISOString(),
      titleId,
    );
  }
}
