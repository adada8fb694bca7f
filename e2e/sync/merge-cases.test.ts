/**
 * Merge cases found in review, each once a bug: non-ASCII tags, people credited under two
 * spellings or as namesakes, fields that belong together (loan, price), statuses and their
 * system lists, a clock restarted after running ahead, an op re-timed after its
 * acknowledgement was lost — plus ordering cases that were checked and hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse, Session } from '@reelshelf/shared/sync';
import { openCore, type Core } from '../../desktop/core/core';
import { call, startTestServer, type TestServer } from '../../server/src/testing/harness.ts';
import { Devices, newEmail, PASSWORD, signIn, syncAll, tick } from './devices';
import { applyOps, captureAll, takeOutbox } from '../../desktop/core/sync/direct-delivery';

let dir: string;
const open: Core[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelshelf-review-'));
});
afterAll(() => {
  for (const c of open) c.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function device(clock?: () => number): Core {
  const core = openCore(join(dir, `d${n++}.db`), { deviceClock: clock });
  open.push(core);
  captureAll(core);
  return core;
}

const send = (from: Core) => takeOutbox(from);
const apply = applyOps;
/** Exchanges everything between all devices until nothing is left to send. */
function exchange(...cores: Core[]): void {
  for (let round = 0; round < 3; round++) {
    const sent = cores.map((c) => send(c));
    cores.forEach((c, i) => sent.forEach((s, j) => i !== j && apply(c, s)));
  }
}

describe('direct replica-to-replica', () => {
  it('a tag spelled with a non-ASCII capital ("Émigré") on two titles arrives as one tag', async () => {
    const a = device();
    const b = device();
    const t1 = await a.call('catalog.add', { kind: 'movie', title: 'One', externalIds: { tmdb: 1 } });
    const t2 = await a.call('catalog.add', { kind: 'movie', title: 'Two', externalIds: { tmdb: 2 } });
    await a.call('tags.add', { titleId: t1.id, tag: 'Émigré' });
    await a.call('tags.add', { titleId: t2.id, tag: 'Émigré' });
    // Key is 'émigré' (toLowerCase), but SQLite NOCASE folds ASCII only: the receiver does not
    // find the tag it just created and inserts it a second time.
    expect(() => apply(b, send(a))).not.toThrow();
    expect(await b.call('catalog.get', { id: t2.id })).toMatchObject({ tags: ['Émigré'] });
  });

  it('removing a non-ASCII tag removes it on the other device', async () => {
    const a = device();
    const b = device();
    const t1 = await a.call('catalog.add', { kind: 'movie', title: 'One', externalIds: { tmdb: 11 } });
    await a.call('tags.add', { titleId: t1.id, tag: 'Ödipus' });
    apply(b, send(a));
    expect((await b.call('catalog.get', { id: t1.id })).tags).toEqual(['Ödipus']);
    await a.call('tags.remove', { titleId: t1.id, tag: 'Ödipus' });
    apply(b, send(a));
    expect((await b.call('catalog.get', { id: t1.id })).tags).toEqual([]);
  });

  it('the same person (one TMDb id) credited under two spellings reads the same on both devices', async () => {
    const a = device();
    const b = device();
    const x = await a.call('catalog.add', {
      kind: 'movie',
      title: 'X',
      externalIds: { tmdb: 100 },
      credits: [{ role: 'cast', person: { name: 'Ann Lee', tmdbId: 5 }, character: 'A', order: 0 }],
    });
    const y = await b.call('catalog.add', {
      kind: 'movie',
      title: 'Y',
      externalIds: { tmdb: 101 },
      credits: [{ role: 'cast', person: { name: 'Anne Lee', tmdbId: 5 }, character: 'B', order: 0 }],
    });
    exchange(a, b);
    const names = async (c: Core) =>
      [
        (await c.call('catalog.get', { id: x.id })).credits[0]!.person.name,
        (await c.call('catalog.get', { id: y.id })).credits[0]!.person.name,
      ].join(', ');
    expect(await names(a)).toBe(await names(b));
  });

  it('a name-only credit is not matched to whichever namesake a device happens to have (3 devices)', async () => {
    const a = device();
    const b = device();
    const c = device();
    const chris = (tmdbId: number) => [
      { role: 'cast' as const, person: { name: 'Chris Evans', tmdbId }, character: 'Cap', order: 0 },
    ];
    await a.call('catalog.add', {
      kind: 'movie',
      title: 'Y1',
      externalIds: { tmdb: 201 },
      credits: chris(1),
    });
    await a.call('catalog.add', {
      kind: 'movie',
      title: 'Y2',
      externalIds: { tmdb: 202 },
      credits: chris(2),
    });
    const a1 = send(a);
    const y1 = a1.filter((o) => o.rowId === a1.find((p) => p.field === 'tmdbId' && p.value === 201)!.rowId);
    const y2 = a1.filter((o) => !y1.includes(o));
    // b learns of the namesakes in the other order: its person rows are created the other way round.
    apply(b, y2);
    apply(b, y1);
    // c, knowing neither, adds a title with a name-only credit.
    await c.call('catalog.add', {
      kind: 'movie',
      title: 'W',
      externalIds: { tmdb: 300 },
      credits: [{ role: 'cast', person: { name: 'Chris Evans' }, character: 'Cap', order: 0 }],
    });
    const fromC = send(c);
    apply(a, fromC);
    apply(b, fromC);
    apply(c, a1);
    expect(a.replica.snapshot().title).toEqual(b.replica.snapshot().title);
    expect(c.replica.snapshot().title).toEqual(a.replica.snapshot().title);
  });

  it('concurrent loans of one copy: the later loan wins whole, never a mix of the two', async () => {
    const a = device();
    const b = device();
    const t = await a.call('catalog.add', { kind: 'movie', title: 'Heat', externalIds: { tmdb: 949 } });
    const copy = await a.call('copies.add', { titleId: t.id, format: 'blu-ray' });
    exchange(a, b);
    await a.call('copies.lend', {
      id: copy.id,
      loan: { borrower: 'Ann', since: '2024-05-01', due: '2024-06-01' },
    });
    await tick();
    await b.call('copies.lend', { id: copy.id, loan: { borrower: 'Bob', since: '2024-05-02' } }); // later, no due date
    exchange(a, b);
    const loan = (await a.call('copies.list', { titleId: t.id }))[0]!.loan;
    expect(loan).toEqual((await b.call('copies.list', { titleId: t.id }))[0]!.loan);
    expect(loan).toMatchObject({ borrower: 'Bob', since: '2024-05-02' });
    expect(loan?.due ?? null).toBeNull();
  });

  it('concurrent price edits: the later price wins whole, amount and currency together', async () => {
    const a = device();
    const b = device();
    const t = await a.call('catalog.add', { kind: 'movie', title: 'Ran', externalIds: { tmdb: 11645 } });
    const copy = await a.call('copies.add', {
      titleId: t.id,
      format: 'dvd',
      price: { amount: '10.00', currency: 'EUR' },
    });
    exchange(a, b);
    await a.call('copies.update', { id: copy.id, price: { amount: '15.00', currency: 'USD' } });
    await tick();
    await b.call('copies.update', { id: copy.id, price: { amount: '12.00', currency: 'EUR' } }); // later: wins
    exchange(a, b);
    const [c] = await a.call('copies.list', { titleId: t.id });
    expect(c!.price).toEqual({ amount: '12.00', currency: 'EUR' });
  });

  it('concurrent statuses watching/completed: the lists follow the winning status', async () => {
    const a = device();
    const b = device();
    const t = await a.call('catalog.add', { kind: 'movie', title: 'Heat', externalIds: { tmdb: 949 } });
    exchange(a, b);
    await a.call('watch.setStatus', { titleId: t.id, status: 'watching' });
    await tick();
    await b.call('watch.setStatus', { titleId: t.id, status: 'completed' }); // later: wins
    exchange(a, b);
    expect(a.replica.snapshot()).toEqual(b.replica.snapshot());
    const details = await a.call('catalog.get', { id: t.id });
    expect(details.status).toBe('completed');
    // On one device setStatus keeps Watching/Completed in step with the status; after sync it is not.
    expect(details.lists.map((l) => l.name)).toEqual(['Completed']);
  });

  it('a clock restarted after running ahead still stamps an edit after every edit it had seen', async () => {
    let skew = 0;
    const a = device(() => Date.now() + skew);
    const b = device(() => Date.now() + 50_000); // 50 s ahead: within the bound, never corrected
    const t = await a.call('catalog.add', { kind: 'movie', title: 'Heat', externalIds: { tmdb: 949 } });
    exchange(a, b);
    await b.call('catalog.update', { id: t.id, year: 1995 });
    apply(a, send(b)); // a has seen b's edit ...
    skew = 3 * 86_400_000; // ... then a's clock jumps 3 days ahead
    await a.call('catalog.update', { id: t.id, year: 1996 }); // a's edit is after b's, causally
    // The next sync cycle learns the server's time (what SyncService.learnTime does).
    a.library.sqlite.transaction(() => {
      if (a.replica.clock.learnServerTime(Date.now(), Date.now() + skew)) a.replica.retimeOutbox();
    })();
    apply(b, send(a));
    expect((await b.call('catalog.get', { id: t.id })).year).toBe(1996);
    expect((await a.call('catalog.get', { id: t.id })).year).toBe(1996);
  });

  it('an episode arriving before its season and series waits, then appears; removing the series and re-adding it restores the chain', async () => {
    const a = device();
    const b = device();
    const series = await a.call('catalog.add', { kind: 'series', title: 'S', externalIds: { tmdb: 1399 } });
    const season = await a.call('catalog.add', {
      kind: 'season',
      title: 'S1',
      parentId: series.id,
      seasonNumber: 1,
      externalIds: { tmdb: 3624 },
    });
    const ep = await a.call('catalog.add', {
      kind: 'episode',
      title: 'E1',
      parentId: season.id,
      episodeNumber: 1,
      externalIds: { tmdb: 63056 },
    });
    await a.call('watch.add', { titleId: ep.id, watchedOn: '2020-01-01' });
    const all = send(a);
    apply(b, [...all].reverse()); // children first
    expect((await b.call('catalog.get', { id: ep.id })).watchCount).toBe(1);
    exchange(a, b);
    expect(b.replica.snapshot()).toEqual(a.replica.snapshot());
    await a.call('catalog.remove', { id: series.id });
    apply(b, send(a));
    expect(b.library.sqlite.prepare('SELECT count(*) FROM titles').pluck().get()).toBe(0);
    await b.call('catalog.add', { kind: 'series', title: 'S', externalIds: { tmdb: 1399 } });
    apply(a, send(b));
    expect((await a.call('catalog.get', { id: ep.id })).watchCount).toBe(1);
    expect(a.replica.snapshot()).toEqual(b.replica.snapshot());
  });

  it('a list item added to a custom list deleted concurrently waits on both sides, nothing crashes', async () => {
    const a = device();
    const b = device();
    const t = await a.call('catalog.add', { kind: 'movie', title: 'Heat', externalIds: { tmdb: 949 } });
    const list = await a.call('lists.create', { name: 'Noir' });
    exchange(a, b);
    await a.call('lists.remove', { id: list.id });
    await b.call('lists.add', { list: list.id, titleId: t.id });
    exchange(a, b);
    expect(a.replica.snapshot()).toEqual(b.replica.snapshot());
    expect(a.replica.outboxSize() + b.replica.outboxSize()).toBe(0);
  });
});

describe('with the real server', () => {
  let server: TestServer;
  let devices: Devices;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  afterEach(() => devices?.cleanup());

  it('an op whose acknowledgement was lost, then re-timed, does not overrule a later edit', async () => {
    devices = new Devices();
    const DAY = 86_400_000;
    let skew = -3 * DAY; // the laptop's clock is 3 days behind
    const a = devices.device('laptop', { deviceClock: () => Date.now() + skew });
    const b = devices.device('phone');
    const email = newEmail();
    await signIn(a, server.url, email, true);
    await signIn(b, server.url, email);
    const heat = await a.call('catalog.add', { kind: 'movie', title: 'Heat', externalIds: { tmdb: 949 } });
    await syncAll([a, b]);

    await a.call('catalog.update', { id: heat.id, year: 1996 });
    // The server stores the laptop's push but the answer never arrives: the ops are on the
    // server and still in the laptop's outbox.
    const session = (
      await call<Session>(server.url, 'POST', '/v1/auth/login', {
        body: { email, password: PASSWORD, deviceName: 'x' },
      })
    ).body;
    const unacked = a.replica
      .outbox(1_000)
      .map(({ seq: _s, ...op }) => ({ ...op, scope: `user:${session.userId}` }));
    const stored = await call<PushResponse>(server.url, 'POST', '/v1/sync/push', {
      token: session.accessToken,
      body: { ops: unacked },
    });
    expect(new Set(stored.body.results.map((r) => r.status))).toEqual(new Set(['stored']));

    await tick(20);
    await b.call('catalog.update', { id: heat.id, year: 1997 }); // later than the laptop's edit
    await b.call('sync.now');

    skew = 0; // the laptop's clock gets fixed (NTP); its next cycle re-times its unsent ops
    await syncAll([a, b]);
    const year = async (c: Core) => (await c.call('catalog.get', { id: heat.id })).year;
    expect(await year(a)).toBe(await year(b));
    expect(a.replica.snapshot()).toEqual(b.replica.snapshot());
  });
});
