import { Router, type RequestHandler } from 'express';
import {
  PullQuery,
  PushRequest,
  type PullResponse,
  type PushResponse,
  type SyncStatus,
} from '@reelshelf/shared/sync';
import { callerOf } from '../auth/middleware.ts';
import { ApiError, parse } from '../http/errors.ts';
import { atLeast, type ScopeAccess } from './access.ts';
import type { OpLog } from './op-log.ts';
import { push } from './push.ts';

/** Told after a push commits: scope now has ops up to seq (sent by fromDevice). */
export type Poke = (scope: string, seq: number, fromDevice: string) => void;

/** /v1/sync: status, push and pull. */
export function syncRoutes(log: OpLog, access: ScopeAccess, auth: RequestHandler, poke: Poke): Router {
  const router = Router();
  router.use(auth);

  router.get('/status', (req, res) => {
    const { userId } = callerOf(req);
    const body: SyncStatus = {
      serverTime: Date.now(),
      scopes: access.readable(userId).map((scope) => ({ scope, seq: log.head(scope) })),
    };
    res.json(body);
  });

  router.post('/push', (req, res) => {
    const caller = callerOf(req);
    const { ops } = parse(PushRequest, req.body, 'push');
    const { results, heads } = push(log, access, caller, ops);
    const body: PushResponse = { serverTime: Date.now(), results };
    res.json(body);
    for (const [scope, seq] of heads) poke(scope, seq, caller.deviceId);
  });

  router.get('/pull', (req, res) => {
    const { userId } = callerOf(req);
    const query = parse(PullQuery, req.query, 'pull query');
    if (!atLeast(access.of(userId, query.scope), 'read'))
      throw new ApiError('forbidden', `no read access to ${query.scope}`);
    const page = log.pull(query.scope, query.after, query.limit);
    const body: PullResponse = { serverTime: Date.now(), scope: query.scope, ...page };
    res.json(body);
  });

  return router;
}
