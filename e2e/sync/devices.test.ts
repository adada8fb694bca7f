/**
 * Devices and a real sync server on port 0, real library files: offline edits on two
 * devices converge; duplicated, replayed and reordered delivery changes nothing; a clock
 * that is days off does not decide who wins.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PullResponse, type PushResponse, type Session } from '@reelshelf/shared/sync';
import { call, startTestServer, type TestServer } from '../../server/src/testing/harness.ts';
import type { Core } from '../../desktop/core/core';
import { Devices, newEmail, PASSWORD, signIn, syncAll, tick } from './devices';
import { applyOps } from '../../desktop/core/sync/direct-delivery';

let server: TestServer;
let devices: Devices;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => devices?.cleanup());

const DAY = 86_400_000;

async function pair(options: { aClock?: () => number; bClock?: () => number } = {}) {
  devices = new Devices();
  const email = newEmail();
  const a = devices.device('laptop', { deviceClock: options.aClock });
  const b = devices.device('phone', { deviceClock: options.bClock });
  await signIn(a, server.url, email, true, 'laptop');
  await signIn(b, server.url, email, false, 'phone');
  return { a, b, email };
}

const watchlist = async (core: Core) =>
  (await core.call('lists.items', { list: 'watchlist' })).map((i) => i.title);

describe('two devices', () => {
  it('edit offline — same field, list order, delete vs edit, rewatches — and converge', async () => {
    const { a, b } = await pair();
    const heat = await a.call('catalog.add', {
      kind: 'movie',
      title: 'Heat',
      year: 1995,
      externalIds: { tmdb: 949 },
    });
    const alien = await a.call('catalog.add', { kind: 'movie', title: 'Alien', year: 1979 });
    await a.call('watch.add', { titleId: heat.id, watchedOn: '2020-05-01' });
    await a.call('lists.add', { list: 'watchlist', titleId: heat.id });
    await a.call('lists.add', { list: 'watchlist', titleId: alien.id });
    await syncAll([a, b]);
    expect(await watchlist(b)).toEqual(['Heat', 'Alien']);

    // Offline on both.
    await a.call('catalog.update', { id: heat.id, year: 1996 });
    await a.call('ratings.set', { titleId: heat.id, stars: 4 });
    await a.call('lists.move', { list: 'watchlist', titleId: alien.id, position: 0 });
    await a.call('catalog.remove', { id: alien.id });
    await a.call('watch.add', { titleId: heat.id, watchedOn: '2024-01-01' });
    await a.call('lists.add', { list: 'favorites', titleId: heat.id });
    await tick();
    const ran = await b.call('catalog.add', { kind: 'movie', title: 'Ran', year: 1985 });
    await b.call('catalog.update', { id: heat.id, year: 1997 }); // later: wins
    await b.call('ratings.set', { titleId: heat.id, stars: 3.5 }); // later: wins
    await b.call('catalog.update', { id: alien.id, overview: 'In space no one can hear you scream.' });
    await b.call('lists.add', { list: 'watchlist', titleId: ran.id, position: 0 });
    await b.call('watch.add', { titleId: heat.id, watchedOn: '2024-01-01' }); // a rewatch the same day
    await b.call('watch.add', { titleId: heat.id, watchedOn: null });
    await b.call('lists.add', { list: 'favorites', titleId: heat.id }); // same title, same list

    await syncAll([a, b]);

    expect(a.replica.snapshot()).toEqual(b.replica.snapshot());
    for (const d of [a, b]) {
      const h = await d.call('catalog.get', { id: heat.id });
      expect(h.year).toBe(1997);
      expect(h.rating).toBe(3.5);
      expect(h.watchCount).toBe(4); // 1 + 1 on the laptop + 2 on the phone: no watch lost
      expect(h.watchedUndated).toBe(true);
      expect(h.lists.map((l) => l.name).sort()).toEqual(['Favorites', 'Watchlist']);
      // The delete wins over the concurrent edit (the edit is kept, restorable).
      await expect(d.call('catalog.get', { id: alien.id })).rejects.toThrow(/No title/);
      expect(await watchlist(d)).toEqual(['Ran', 'Heat']);
      expect((await d.call('lists.items', { list: 'favorites' })).length).toBe(1);
      expect((await d.call('sync.status')).pending).toBe(0);
    }
  });

  it('duplicated, replayed and reordered delivery changes nothing', async () => {
    const { a, b, email } = await pair();
    for (const title of ['Heat', 'Ran', 'Brazil']) {
      const t = await a.call('catalog.add', { kind: 'movie', title });
      await a.call('watch.add', { titleId: t.id });
      await a.call('lists.add', { list: 'watchlist', titleId: t.id, position: 0 });
    }
    await syncAll([a, b]);
    const before = b.replica.snapshot();

    // Replay: b forgets how far it has read and pulls everything again.
    b.library.sqlite.exec('DELETE FROM sync_cursors');
    await syncAll([b], 1);
    expect(b.replica.snapshot()).toEqual(before);
    expect(b.replica.outboxSize()).toBe(0);

    // Duplicate push: every op the server holds sent again is a duplicate and stores nothing.
    const session = (
      await call<Session>(server.url, 'POST', '/v1/auth/login', {
        body: { email, password: PASSWORD, deviceName: 'x' },
      })
    ).body;
    const scope = `user:${session.userId}`;
    const pulled = await call<PullResponse>(server.url, 'GET', `/v1/sync/pull?scope=${scope}&limit=5000`, {
      token: session.accessToken,
    });
    const ops = pulled.body.ops.map(({ seq: _seq, ...op }) => op);
    const again = await call<PushResponse>(server.url, 'POST', '/v1/sync/push', {
      token: session.accessToken,
      body: { ops },
    });
    expect(new Set(again.body.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
    await syncAll([a, b], 1);
    expect(b.replica.snapshot()).toEqual(before);

    // Reordered: a fresh library given the same ops backwards, twice over, ends the same.
    const c = devices.device('tablet');
    applyOps(c, [...ops].reverse());
    applyOps(c, ops);
    expect(c.replica.snapshot()).toEqual(before);
    expect(await watchlist(c)).toEqual(await watchlist(a));
  });
});

describe('the outbox', () => {
  it('keeps changes made offline across restarts until the server has them', async () => {
    const { a, b } = await pair();
    const path = a.library.path;
    const heat = await a.call('catalog.add', { kind: 'movie', title: 'Heat', year: 1995 });
    await a.call('watch.add', { titleId: heat.id, watchedOn: '2024-02-02' });
    const pending = a.replica.outboxSize();
    a.close();

    const reopened = devices.device('laptop-again', {}, path);
    expect(reopened.replica.outboxSize()).toBe(pending);
    expect((await reopened.call('sync.status')).pending).toBe(pending);
    await syncAll([reopened, b]);
    expect((await b.call('catalog.get', { id: heat.id })).watchCount).toBe(1);
    expect(reopened.replica.outboxSize()).toBe(0);
  });
});

describe('two processes on one library (the app running, the CLI used meanwhile)', () => {
  it('share the rotating refresh token instead of getting the device revoked', async () => {
    const { a } = await pair();
    const path = a.library.path;
    const app = devices.device('app', {}, path); // holds the refresh token as it was at open
    const cli = devices.device('cli', {}, path);
    expect((await cli.call('sync.now')).state).toBe('idle'); // renews the session: the token rotates
    const s = await app.call('sync.now');
    expect(s.state, s.reason).toBe('idle');
  });
});

describe('signing in to another account', () => {
  it('sends the whole library to the new account, and nothing of it is lost to the old one', async () => {
    const { a, b } = await pair();
    const heat = await a.call('catalog.add', { kind: 'movie', title: 'Heat', year: 1995 });
    await a.call('watch.add', { titleId: heat.id, watchedOn: '2021-03-04' });
    await syncAll([a, b]);
    await a.call('sync.logout');

    const other = newEmail();
    await signIn(a, server.url, other, true);
    const c = devices.device('other-phone');
    await signIn(c, server.url, other);
    await syncAll([a, c]);
    expect((await c.call('catalog.get', { id: heat.id })).watchCount).toBe(1);
    expect(c.replica.snapshot()).toEqual(a.replica.snapshot());
    expect((await b.call('catalog.get', { id: heat.id })).watchCount).toBe(1);
  });
});

describe('a device clock that is wrong by days', () => {
  it('running ahead: its offline edits are re-timed to the server clock, and a later edit elsewhere wins', async () => {
    const ahead = () => Date.now() + 3 * DAY;
    const { a, b } = await pair({ bClock: ahead });
    const heat = await a.call('catalog.add', { kind: 'movie', title: 'Heat', year: 1995 });
    await syncAll([a, b]);

    await b.call('catalog.update', { id: heat.id, year: 1994 }); // stamped 3 days ahead, offline
    await syncAll([b], 1);
    const status = await b.call('sync.status');
    expect(status.clockWarning).toMatch(/3 days ahead of the sync server/);
    expect(status.rejected).toBe(0); // re-timed, not refused

    await tick(5);
    await a.call('catalog.update', { id: heat.id, year: 1996 }); // later in real time
    await syncAll([a, b]);
    for (const d of [a, b]) expect((await d.call('catalog.get', { id: heat.id })).year).toBe(1996);
  });

  it('running behind: an edit made after seeing another device’s edit still wins', async () => {
    const behind = () => Date.now() - 3 * DAY;
    const { a, b } = await pair({ bClock: behind });
    const heat = await a.call('catalog.add', { kind: 'movie', title: 'Heat', year: 1995 });
    await a.call('catalog.update', { id: heat.id, year: 1996 });
    await syncAll([a, b]);
    expect((await b.call('sync.status')).clockWarning).toMatch(/3 days behind/);

    await b.call('catalog.update', { id: heat.id, year: 1997 }); // after seeing 1996
    await syncAll([b, a]);
    for (const d of [a, b]) expect((await d.call('catalog.get', { id: heat.id })).year).toBe(1997);
  });
});
