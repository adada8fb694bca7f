import {
  checkOp,
  describeDuration,
  MAX_DRIFT_MS,
  parseHlc,
  type PushResult,
  type SyncOp,
} from '@reelshelf/shared/sync';
import type { Caller } from '../auth/tokens.ts';
import type { ScopeAccess } from './access.ts';
import type { OpLog } from './op-log.ts';

/**
 * Checks each op on its own (shape, write access, clock) so one bad op does not sink the
 * batch, then appends the good ones in one transaction. Results are in request order.
 */
export function push(
  log: OpLog,
  access: ScopeAccess,
  caller: Caller,
  raw: unknown[],
  now = Date.now(),
): { results: PushResult[]; heads: Map<string, number> } {
  const results: PushResult[] = new Array(raw.length);
  const accepted: { index: number; op: SyncOp }[] = [];
  const writable = new Map<string, boolean>();
  raw.forEach((item, index) => {
    const check = checkOp(item);
    if (!check.ok) {
      results[index] = { opId: check.opId, status: 'rejected', reason: check.reason };
      return;
    }
    const { op } = check;
    let canWrite = writable.get(op.scope);
    if (canWrite === undefined)
      writable.set(op.scope, (canWrite = access.of(caller.userId, op.scope) === 'write'));
    if (!canWrite) {
      results[index] = {
        opId: op.opId,
        status: 'rejected',
        reason: `forbidden: no write access to ${op.scope}`,
      };
      return;
    }
    // A stamp far in the future would win every later conflict on that field (last writer
    // wins by stamp) and drag every clock that sees it forward; refuse it here instead.
    const ahead = parseHlc(op.hlc)!.ms - now;
    if (ahead > MAX_DRIFT_MS) {
      results[index] = {
        opId: op.opId,
        status: 'rejected',
        reason: `clock_ahead: the device clock is ${describeDuration(ahead)} ahead of the server; re-time the op`,
      };
      return;
    }
    accepted.push({ index, op });
  });
  const appended = log.append(
    caller.deviceId,
    accepted.map((a) => a.op),
  );
  accepted.forEach(({ index, op }, i) => {
    results[index] = { opId: op.opId, ...appended.results[i]! };
  });
  return { results, heads: appended.heads };
}
