import type { Request, RequestHandler } from 'express';
import { ApiError } from '../http/errors.ts';
import type { Accounts } from './accounts.ts';
import type { Caller } from './tokens.ts';

const callers = new WeakMap<Request, Caller>();

/** Takes the bearer token from the Authorization header (a query-string token would end up in logs). */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const m = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
  return m?.[1];
}

export function requireAuth(accounts: Accounts): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (!token)
      throw new ApiError('unauthorized', 'sign in first: no access token (Authorization: Bearer …)');
    callers.set(req, await accounts.authenticate(token));
    next();
  };
}

/** The caller requireAuth found; only used behind it. */
export function callerOf(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) throw new Error('callerOf used on a route without requireAuth');
  return caller;
}
