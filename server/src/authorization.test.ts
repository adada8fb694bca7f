/**
 * Every route and socket event against every kind of caller that must not get through:
 * no token, an expired token, a revoked device's token, and another user reaching for the
 * first user's scope or devices. Each refusal is checked for its status and message, and
 * for having written nothing. To cover a new route, add a row to ROUTES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  userScope,
  type ErrorBody,
  type PushResponse,
  type Session,
  type SyncStatus,
} from '@reelshelf/shared/sync';
import {
  call,
  connect,
  login,
  makeOp,
  pokes,
  register,
  sleep,
  startTestServer,
  type Reply,
  type TestServer,
} from './testing/harness.ts';

type Kind = 'none' | 'expired' | 'revoked' | 'otherUser';
const KINDS: Kind[] = ['none', 'expired', 'revoked', 'otherUser'];

/** What the attacker holds: an access token (maybe none) and a refresh token (maybe none). */
interface Attacker {
  access?: string;
  refresh?: string;
}

type Expectation =
  | { status: number; message?: RegExp }
  /** The request goes through but must not show or touch the first user's things. */
  | { status: number; check: (body: unknown) => void };

interface RouteCase {
  name: string;
  send: (who: Attacker) => Promise<Reply>;
  /** The first user doing the same with valid credentials: shows the refusals are about the credentials. */
  allowed: () => Promise<Reply>;
  allowedStatus: number;
  /** null: the attack makes no sense for this route (say why in the name of the case). */
  refused: Record<Kind, Expectation | null>;
}

const NO_TOKEN = { status: 401, message: /no access token/ };
const EXPIRED = { status: 401, message: /expired/ };
const REVOKED = { status: 401, message: /signed out/ };

let server: TestServer;
let url: string;
let alice: Session & { email: string };
let bob: Session & { email: string };
let expiredToken: string;

/** Fresh access tokens via refresh (the TTL here is 1 s, so tokens are made right before use). */
async function fresh(session: Session): Promise<string> {
  const res = await call<Session>(url, 'POST', '/v1/auth/refresh', {
    body: { refreshToken: session.refreshToken },
  });
  if (res.status !== 200) throw new Error(`refresh failed: ${res.status}`);
  session.refreshToken = res.body.refreshToken;
  return res.body.accessToken;
}

/** A device of the first user that is signed in, holds a live token, and is then revoked. */
async function revokedDevice(): Promise<Attacker> {
  const device = await login(url, alice.email, 'stolen');
  const res = await call(url, 'DELETE', `/v1/devices/${device.deviceId}`, { token: await fresh(alice) });
  if (res.status !== 204) throw new Error('revoke failed');
  return { access: device.accessToken, refresh: device.refreshToken };
}

async function attacker(kind: Kind): Promise<Attacker> {
  switch (kind) {
    case 'none':
      return {};
    case 'expired':
      return { access: expiredToken };
    case 'revoked':
      return revokedDevice();
    case 'otherUser':
      return { access: await fresh(bob), refresh: bob.refreshToken };
  }
}

/** Everything a refused request must leave alone (last_seen_at aside: reading is not writing). */
function snapshot() {
  return {
    ops: server.read('SELECT * FROM ops ORDER BY scope, seq'),
    heads: server.read('SELECT * FROM scope_heads ORDER BY scope'),
    devices: server.read(
      'SELECT id, user_id, name, refresh_hash, previous_refresh_hash, revoked_at FROM devices ORDER BY id',
    ),
    users: server.read('SELECT * FROM users ORDER BY id'),
  };
}

const aliceScope = () => userScope(alice.userId);

const ROUTES: RouteCase[] = [
  {
    name: 'GET /v1/sync/status',
    send: (who) => call(url, 'GET', '/v1/sync/status', { token: who.access }),
    allowed: async () => call(url, 'GET', '/v1/sync/status', { token: await fresh(alice) }),
    allowedStatus: 200,
    refused: {
      none: NO_TOKEN,
      expired: EXPIRED,
      revoked: REVOKED,
      otherUser: {
        status: 200,
        check: (body) =>
          expect((body as SyncStatus).scopes.map((s) => s.scope)).toEqual([userScope(bob.userId)]),
      },
    },
  },
  {
    name: 'POST /v1/sync/push',
    send: (who) =>
      call(url, 'POST', '/v1/sync/push', { token: who.access, body: { ops: [makeOp(aliceScope())] } }),
    allowed: async () =>
      call(url, 'POST', '/v1/sync/push', {
        token: await fresh(alice),
        body: { ops: [makeOp(aliceScope())] },
      }),
    allowedStatus: 200,
    refused: {
      none: NO_TOKEN,
      expired: EXPIRED,
      revoked: REVOKED,
      otherUser: {
        status: 200,
        check: (body) =>
          expect((body as PushResponse).results).toEqual([
            expect.objectContaining({
              status: 'rejected',
              reason: `forbidden: no write access to ${aliceScope()}`,
            }),
          ]),
      },
    },
  },
  {
    name: 'GET /v1/sync/pull',
    send: (who) => call(url, 'GET', `/v1/sync/pull?scope=${aliceScope()}`, { token: who.access }),
    allowed: async () =>
      call(url, 'GET', `/v1/sync/pull?scope=${aliceScope()}`, { token: await fresh(alice) }),
    allowedStatus: 200,
    refused: {
      none: NO_TOKEN,
      expired: EXPIRED,
      revoked: REVOKED,
      otherUser: { status: 403, message: /no read access/ },
    },
  },
  {
    name: 'GET /v1/devices',
    send: (who) => call(url, 'GET', '/v1/devices', { token: who.access }),
    allowed: async () => call(url, 'GET', '/v1/devices', { token: await fresh(alice) }),
    allowedStatus: 200,
    refused: {
      none: NO_TOKEN,
      expired: EXPIRED,
      revoked: REVOKED,
      otherUser: {
        status: 200,
        check: (body) =>
          expect((body as { devices: { id: string }[] }).devices.map((d) => d.id)).toEqual([bob.deviceId]),
      },
    },
  },
  {
    name: 'DELETE /v1/devices/:id',
    send: (who) => call(url, 'DELETE', `/v1/devices/${alice.deviceId}`, { token: who.access }),
    allowed: async () => {
      const spare = await login(url, alice.email, 'spare');
      return call(url, 'DELETE', `/v1/devices/${spare.deviceId}`, { token: await fresh(alice) });
    },
    allowedStatus: 204,
    refused: {
      none: NO_TOKEN,
      expired: EXPIRED,
      revoked: REVOKED,
      otherUser: { status: 404, message: /no such device/ },
    },
  },
  {
    name: 'POST /v1/auth/logout',
    send: (who) => call(url, 'POST', '/v1/auth/logout', { token: who.access }),
    allowed: async () => {
      const spare = await login(url, alice.email, 'spare');
      return call(url, 'POST', '/v1/auth/logout', { token: spare.accessToken });
    },
    allowedStatus: 204,
    refused: {
      none: NO_TOKEN,
      expired: EXPIRED,
      revoked: REVOKED,
      // Another user's token logs that user out; it cannot name the first user's device.
      otherUser: null,
    },
  },
  {
    name: 'POST /v1/auth/refresh',
    send: (who) =>
      call(url, 'POST', '/v1/auth/refresh', { body: who.refresh ? { refreshToken: who.refresh } : {} }),
    allowed: async () => {
      const res = await call<Session>(url, 'POST', '/v1/auth/refresh', {
        body: { refreshToken: alice.refreshToken },
      });
      alice.refreshToken = res.body.refreshToken;
      return res;
    },
    allowedStatus: 200,
    refused: {
      none: { status: 400, message: /refreshToken/ },
      // Refresh takes no access token, expired or not.
      expired: null,
      revoked: { status: 401, message: /not valid/ },
      // Another user's refresh token is that user's own session.
      otherUser: null,
    },
  },
];

beforeAll(async () => {
  server = await startTestServer({ accessTtl: 1 });
  url = server.url;
  [alice, bob] = await Promise.all([register(url, 'alice@example.org'), register(url, 'bob@example.org')]);
  expiredToken = alice.accessToken;
  const expiresAt = alice.accessExpiresAt;
  // Something in Alice's scope for pulls and pokes to be about.
  await call(url, 'POST', '/v1/sync/push', {
    token: await fresh(alice),
    body: { ops: [makeOp(aliceScope())] },
  });
  await sleep(Math.max(0, expiresAt - Date.now()) + 50);
});
afterAll(() => server.close());

describe('authorization matrix: HTTP', () => {
  for (const route of ROUTES) {
    for (const kind of KINDS) {
      const expectation = route.refused[kind];
      if (!expectation) continue;
      it(`${route.name} with ${kind} → ${expectation.status}, nothing written`, async () => {
        const who = await attacker(kind);
        const before = snapshot();
        const res = await route.send(who);
        expect(res.status).toBe(expectation.status);
        if ('check' in expectation) expectation.check(res.body);
        else {
          const body = res.body as ErrorBody;
          expect(body.error.code).toBe(
            { 400: 'invalid_argument', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[
              expectation.status
            ],
          );
          if (expectation.message) expect(body.error.message).toMatch(expectation.message);
        }
        expect(snapshot()).toEqual(before);
      });
    }
    it(`${route.name} with the owner's valid token → ${route.allowedStatus}`, async () => {
      expect((await route.allowed()).status).toBe(route.allowedStatus);
    });
  }
});

describe('authorization matrix: Socket.IO', () => {
  const refusedConnect: Record<Exclude<Kind, 'otherUser'>, RegExp> = {
    none: /^unauthorized: no access token/,
    expired: /^unauthorized: .*expired/,
    revoked: /^unauthorized: .*signed out/,
  };
  for (const [kind, message] of Object.entries(refusedConnect)) {
    it(`connect with ${kind} is refused with connect_error`, async () => {
      const who = await attacker(kind as Kind);
      await expect(connect(url, who.access)).rejects.toThrow(message);
    });
  }

  it('connect with the owner’s valid token works (control)', async () => {
    const socket = await connect(url, await fresh(alice));
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('subscribe by another user to the first user’s scope is refused and gets no pokes', async () => {
    const aliceSocket = await connect(url, await fresh(alice));
    const bobSocket = await connect(url, await fresh(bob));
    try {
      const reply = await bobSocket.emitWithAck('subscribe', { scope: aliceScope() });
      expect(reply).toEqual({ ok: false, error: `forbidden: no read access to ${aliceScope()}` });
      const aliceSeen = pokes(aliceSocket);
      const bobSeen = pokes(bobSocket);
      const phone = await login(url, alice.email, 'phone');
      await call(url, 'POST', '/v1/sync/push', {
        token: phone.accessToken,
        body: { ops: [makeOp(aliceScope())] },
      });
      for (let i = 0; i < 100 && aliceSeen.length === 0; i++) await sleep(10);
      expect(aliceSeen).toHaveLength(1);
      expect(bobSeen).toEqual([]);
    } finally {
      aliceSocket.close();
      bobSocket.close();
    }
  });
});
