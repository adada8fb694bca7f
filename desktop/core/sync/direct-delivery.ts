/**
 * For tests that move ops between libraries without a server (the property test, merge
 * cases): what a server would hand out, and applying it as one pulled page.
 */
import type { SyncOp } from '@reelshelf/shared/sync';
import type { Core } from '../core';
import { setSyncOwner } from './account';

/** Any user scope does: the server is not involved. */
export const TEST_SCOPE = 'user:00000000-0000-4000-8000-000000000000';

/** Everything in the outbox, as the server would hand it out; acknowledged (sent) unless `keep`. */
export function takeOutbox(from: Core, keep = false): SyncOp[] {
  const ops = from.replica.outbox(1_000_000).map(({ seq: _seq, ...op }) => ({ ...op, scope: TEST_SCOPE }));
  if (!keep) from.replica.acknowledge(ops.map((o) => o.opId));
  return ops;
}

/** Applies ops in one transaction, as a pulled page is. */
export function applyOps(to: Core, ops: readonly SyncOp[]) {
  return to.library.sqlite.transaction(() => to.replica.applyRemote(ops))();
}

/** The user the test libraries belong to, as a sign-in would record. */
export const TEST_USER = '00000000-0000-4000-8000-000000000000';

/**
 * What signing in does to a library, without a server: it now belongs to a sync account
 * (so every change is captured from here on) and everything already in it is queued.
 */
export function captureAll(core: Core): void {
  core.library.sqlite.transaction(() => {
    setSyncOwner(core.library.sqlite, TEST_USER);
    core.replica.captureAll();
  })();
}
