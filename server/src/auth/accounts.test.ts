import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, Session } from '@reelshelf/shared/sync';
import {
  call,
  connect,
  eventually,
  login,
  PASSWORD,
  register,
  startTestServer,
  type TestServer,
} from '../testing/harness.ts';

type DeviceRow = {
  id: string;
  user_id: string;
  refresh_hash: string;
  previous_refresh_hash: string | null;
  revoked_at: string | null;
};

let server: TestServer;
let url: string;
let alice: Session & { email: string };

beforeAll(async () => {
  server = await startTestServer();
  url = server.url;
  alice = await register(url, 'Alice@Example.org', 'laptop');
});
afterAll(() => server.close());

const deviceRow = (id: string) => server.read<DeviceRow>('SELECT * FROM devices WHERE id = ?', id)[0];

describe('accounts', () => {
  it('registers with an argon2id hash, a lower-cased e-mail and a device holding only the refresh token hash', () => {
    const [user] = server.read<{ email: string; password_hash: string }>(
      'SELECT email, password_hash FROM users WHERE id = ?',
      alice.userId,
    );
    expect(user!.email).toBe('alice@example.org');
    expect(user!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const device = deviceRow(alice.deviceId)!;
    expect(device.user_id).toBe(alice.userId);
    expect(device.refresh_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(device.refresh_hash).not.toContain(alice.refreshToken);
    expect(alice.accessExpiresAt).toBeGreaterThan(Date.now() + 800_000);
  });

  it('refuses a second account with the same e-mail (any case) with 409', async () => {
    const res = await call<ErrorBody>(url, 'POST', '/v1/auth/register', {
      body: { email: 'ALICE@example.org', password: PASSWORD, deviceName: 'x' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(server.read('SELECT id FROM users')).toHaveLength(1);
  });

  it('refuses a bad e-mail and a short password with 400 and issues naming each field', async () => {
    const res = await call<ErrorBody>(url, 'POST', '/v1/auth/register', {
      body: { email: 'not-an-address', password: 'short', deviceName: '' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_argument');
    const fields = res.body.error.issues!.map((i) => i.field).sort();
    expect(fields).toEqual(['deviceName', 'email', 'password']);
    expect(res.body.error.issues!.find((i) => i.field === 'password')!.message).toMatch(/10 characters/);
    const missing = await call<ErrorBody>(url, 'POST', '/v1/auth/login', { body: { email: 'a@b.org' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues!.map((i) => i.field).sort()).toEqual(['deviceName', 'password']);
  });

  it('gives a wrong password and an unknown e-mail the same 401 in about the same time', async () => {
    const timed = async (email: string) => {
      const start = performance.now();
      const res = await call<ErrorBody>(url, 'POST', '/v1/auth/login', {
        body: { email, password: 'wrong password!', deviceName: 'x' },
      });
      return { res, ms: performance.now() - start };
    };
    await timed('nobody@example.org'); // the dummy hash is ready after the first use
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const w = await timed(alice.email);
      const u = await timed('nobody@example.org');
      expect(w.res.status).toBe(401);
      expect(u.res.status).toBe(401);
      expect(u.res.body).toEqual(w.res.body);
      wrong.push(w.ms);
      unknown.push(u.ms);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
    // Both pay for one argon2 verification (tens of ms); without the dummy hash an unknown
    // address would answer in about a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 2);
    expect(median(unknown)).toBeGreaterThan(8);
    expect(server.read('SELECT id FROM devices')).toHaveLength(1);
  });

  it('logs in as a new device, lists devices marking the caller, and revokes one of them', async () => {
    const phone = await login(url, 'alice@example.org', 'phone');
    expect(phone.userId).toBe(alice.userId);
    expect(phone.deviceId).not.toBe(alice.deviceId);
    const list = await call<{ devices: { id: string; name: string; current: boolean }[] }>(
      url,
      'GET',
      '/v1/devices',
      { token: phone.accessToken },
    );
    expect(list.status).toBe(200);
    expect(list.body.devices.map((d) => [d.name, d.current])).toEqual([
      ['laptop', false],
      ['phone', true],
    ]);

    const socket = await connect(url, phone.accessToken);
    const del = await call(url, 'DELETE', `/v1/devices/${phone.deviceId}`, { token: alice.accessToken });
    expect(del.status).toBe(204);
    expect(deviceRow(phone.deviceId)!.revoked_at).not.toBeNull();
    await eventually(() => expect(socket.connected).toBe(false));
    const after = await call(url, 'GET', '/v1/devices', { token: phone.accessToken });
    expect(after.status).toBe(401);
    const again = await call(url, 'DELETE', `/v1/devices/${phone.deviceId}`, { token: alice.accessToken });
    expect(again.status).toBe(404);
    const remaining = await call<{ devices: { id: string }[] }>(url, 'GET', '/v1/devices', {
      token: alice.accessToken,
    });
    expect(remaining.body.devices.map((d) => d.id)).toEqual([alice.deviceId]);
  });

  it('rotates the refresh token; the new access token works and the old refresh token is spent', async () => {
    const tablet = await login(url, alice.email, 'tablet');
    const before = deviceRow(tablet.deviceId)!;
    const res = await call<Session>(url, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: tablet.refreshToken },
    });
    expect(res.status).toBe(200);
    expect(res.body.deviceId).toBe(tablet.deviceId);
    expect(res.body.refreshToken).not.toBe(tablet.refreshToken);
    const after = deviceRow(tablet.deviceId)!;
    expect(after.previous_refresh_hash).toBe(before.refresh_hash);
    expect(after.refresh_hash).not.toBe(before.refresh_hash);
    expect((await call(url, 'GET', '/v1/sync/status', { token: res.body.accessToken })).status).toBe(200);

    // The next rotation from the new token still works: rotation is a chain, not a one-off.
    const next = await call<Session>(url, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: res.body.refreshToken },
    });
    expect(next.status).toBe(200);
    await call(url, 'POST', '/v1/auth/logout', { token: next.body.accessToken });
  });

  it('revokes the device when an already-rotated refresh token comes back (token theft)', async () => {
    const tv = await login(url, alice.email, 'tv');
    const socket = await connect(url, tv.accessToken);
    const rotated = await call<Session>(url, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: tv.refreshToken },
    });
    expect(rotated.status).toBe(200);
    const replay = await call<ErrorBody>(url, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: tv.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/already used/);
    expect(deviceRow(tv.deviceId)!.revoked_at).not.toBeNull();
    await eventually(() => expect(socket.connected).toBe(false));
    // Both the thief's and the owner's copies are dead now.
    const fresh = await call(url, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(fresh.status).toBe(401);
    expect((await call(url, 'GET', '/v1/devices', { token: rotated.body.accessToken })).status).toBe(401);
  });

  it('logs out: the calling device is revoked, its tokens stop working, other devices keep going', async () => {
    const box = await login(url, alice.email, 'box');
    const socket = await connect(url, box.accessToken);
    const res = await call(url, 'POST', '/v1/auth/logout', { token: box.accessToken });
    expect(res.status).toBe(204);
    expect(deviceRow(box.deviceId)!.revoked_at).not.toBeNull();
    await eventually(() => expect(socket.connected).toBe(false));
    expect((await call(url, 'GET', '/v1/sync/status', { token: box.accessToken })).status).toBe(401);
    expect(
      (await call(url, 'POST', '/v1/auth/refresh', { body: { refreshToken: box.refreshToken } })).status,
    ).toBe(401);
    expect((await call(url, 'GET', '/v1/sync/status', { token: alice.accessToken })).status).toBe(200);
  });

  it('records when a device was last seen', async () => {
    const [row] = server.read<{ last_seen_at: string | null }>(
      'SELECT last_seen_at FROM devices WHERE id = ?',
      alice.deviceId,
    );
    expect(Date.parse(row!.last_seen_at!)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('auth rate limit', () => {
  it('answers 429 with our error body once the per-minute limit is spent', async () => {
    const limited = await startTestServer({ authRateLimit: 3 });
    try {
      const statuses: number[] = [];
      let last: ErrorBody | undefined;
      for (let i = 0; i < 5; i++) {
        const res = await call<ErrorBody>(limited.url, 'POST', '/v1/auth/login', { body: { email: 'x' } });
        statuses.push(res.status);
        last = res.body;
      }
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      expect(last!.error.code).toBe('rate_limited');
      // Only the auth routes are limited.
      expect((await call(limited.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
