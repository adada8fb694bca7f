import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { Credentials, RefreshRequest, type DeviceList } from '@reelshelf/shared/sync';
import { parse } from '../http/errors.ts';
import type { Accounts } from './accounts.ts';
import { callerOf } from './middleware.ts';

/** /v1/auth: sign-up, sign-in, token refresh and sign-out. `limit` is the brute-force brake. */
export function authRoutes(accounts: Accounts, auth: RequestHandler, limit: RequestHandler): Router {
  const router = Router();
  router.use(limit);
  router.post('/register', async (req, res) => {
    res.status(201).json(await accounts.register(parse(Credentials, req.body)));
  });
  router.post('/login', async (req, res) => {
    res.json(await accounts.login(parse(Credentials, req.body)));
  });
  router.post('/refresh', async (req, res) => {
    res.json(await accounts.refresh(parse(RefreshRequest, req.body).refreshToken));
  });
  router.post('/logout', auth, (req, res) => {
    const caller = callerOf(req);
    accounts.revokeDevice(caller, caller.deviceId);
    res.status(204).end();
  });
  return router;
}

const DeviceParams = z.object({ id: z.uuid('expected a device id') });

/** /v1/devices: the caller's signed-in devices. */
export function deviceRoutes(accounts: Accounts, auth: RequestHandler): Router {
  const router = Router();
  router.use(auth);
  router.get('/', (req, res) => {
    const body: z.infer<typeof DeviceList> = { devices: accounts.listDevices(callerOf(req)) };
    res.json(body);
  });
  router.delete('/:id', (req, res) => {
    accounts.revokeDevice(callerOf(req), parse(DeviceParams, req.params).id);
    res.status(204).end();
  });
  return router;
}
