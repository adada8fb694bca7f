import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatHlc,
  MAX_PUSH_OPS,
  userScope,
  type ErrorBody,
  type PullResponse,
  type PushResponse,
  type Session,
  type SyncOp,
  type SyncStatus,
} from '@reelshelf/shared/sync';
import { DB_FILE } from '../store/open.ts';
import {
  call,
  connect,
  eventually,
  login,
  makeOp,
  pokes,
  register,
  sleep,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from '../testing/harness.ts';

let server: TestServer;
let url: string;
let alice: Session & { email: string };
let bob: Session & { email: string };
let aliceScope: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  url = server.url;
  [alice, bob] = await Promise.all([register(url), register(url)]);
  aliceScope = userScope(alice.userId);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

const push = (session: Session, ops: unknown[]) =>
  call<PushResponse>(url, 'POST', '/v1/sync/push', { token: session.accessToken, body: { ops } });
const pull = (session: Session, scope: string, after = 0, limit?: number) =>
  call<PullResponse>(
    url,
    'GET',
    `/v1/sync/pull?scope=${scope}&after=${after}${limit === undefined ? '' : `&limit=${limit}`}`,
    { token: session.accessToken },
  );
const opCount = () => server.read<{ n: number }>('SELECT count(*) AS n FROM ops')[0]!.n;

/** Writes club membership straight into the database: clubs have no API yet. */
function addMember(clubId: string, userId: string, role: string) {
  const db = new Database(join(server.dataDir, DB_FILE));
  try {
    db.prepare('INSERT INTO club_members (club_id, user_id, role) VALUES (?, ?, ?)').run(
      clubId,
      userId,
      role,
    );
  } finally {
    db.close();
  }
}

describe('push and pull', () => {
  it('stores a batch, then hands back the same ops in seq order', async () => {
    const ops: SyncOp[] = [
      makeOp(aliceScope),
      makeOp(aliceScope, { field: 'genres', value: ['Drama', 'Crime'] }),
      makeOp(aliceScope, { entity: 'rating', field: 'stars', value: 4.5 }),
      makeOp(aliceScope, { field: 'overview', value: null }),
    ];
    const res = await push(alice, ops);
    expect(res.status).toBe(200);
    const head0 = res.body.results[0]!.seq!;
    expect(res.body.results).toEqual(
      ops.map((op, i) => ({ opId: op.opId, status: 'stored', seq: head0 + i })),
    );

    const page = await pull(alice, aliceScope, head0 - 1);
    expect(page.status).toBe(200);
    expect(page.body.ops).toEqual(ops.map((op, i) => ({ ...op, seq: head0 + i })));
    expect(page.body).toMatchObject({ scope: aliceScope, last: head0 + 3, head: head0 + 3, hasMore: false });
  });

  it('stores nothing new when the same batch comes again; duplicates report the seq they have', async () => {
    const ops = [makeOp(aliceScope), makeOp(aliceScope), makeOp(aliceScope)];
    const first = await push(alice, ops);
    const before = opCount();
    const second = await push(alice, ops);
    expect(opCount()).toBe(before);
    expect(second.body.results).toEqual(
      first.body.results.map((r) => ({ opId: r.opId, status: 'duplicate', seq: r.seq })),
    );
    // The same op twice in one batch is one op.
    const op = makeOp(aliceScope);
    const twice = await push(alice, [op, op]);
    expect(twice.body.results.map((r) => r.status)).toEqual(['stored', 'duplicate']);
    expect(twice.body.results[1]!.seq).toBe(twice.body.results[0]!.seq);
  });

  it('keeps the valid ops of a batch with malformed ones and names each problem', async () => {
    const good1 = makeOp(aliceScope);
    const good2 = makeOp(aliceScope, { entity: 'listItem', field: 'position', value: 'a0' });
    const far = formatHlc({ ms: Date.now() + 3 * 86_400_000 + 60_000, counter: 0, node: '0123456789abcdef' });
    const batch: unknown[] = [
      makeOp(aliceScope, { entity: 'spaceship' }),
      good1,
      makeOp(aliceScope, { field: 'colour' }),
      makeOp(aliceScope, { field: 'year', value: 'nineteen ninety-nine' }),
      makeOp(aliceScope, { hlc: 'yesterday' }),
      makeOp(userScope(bob.userId)),
      makeOp(aliceScope, { hlc: far }),
      'not an op',
      good2,
    ];
    const before = opCount();
    const res = await push(alice, batch);
    expect(res.status).toBe(200);
    const r = res.body.results;
    expect(r.map((x) => x.status)).toEqual([
      'rejected',
      'stored',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'stored',
    ]);
    expect(r[0]!.reason).toMatch(/^entity: /);
    expect(r[2]!.reason).toBe('title has no field "colour"');
    expect(r[3]!.reason).toMatch(/^title\.year: .*number/);
    expect(r[4]!.reason).toMatch(/^hlc: expected a clock stamp/);
    expect(r[5]!.reason).toBe(`forbidden: no write access to user:${bob.userId}`);
    expect(r[6]!.reason).toBe('clock_ahead: the device clock is 3 days ahead of the server; re-time the op');
    expect(r[7]!.reason).toBeTruthy();
    expect(r[1]!.opId).toBe(good1.opId);
    expect(r[0]!.opId).toBe((batch[0] as SyncOp).opId);
    expect(r[8]!.seq).toBe(r[1]!.seq! + 1);
    expect(opCount()).toBe(before + 2);
    expect(server.read('SELECT 1 FROM ops WHERE scope = ?', userScope(bob.userId))).toHaveLength(0);
  });

  it('accepts a stamp a little ahead of the server (within MAX_DRIFT_MS)', async () => {
    const near = formatHlc({ ms: Date.now() + 30_000, counter: 0, node: '0123456789abcdef' });
    const res = await push(alice, [makeOp(aliceScope, { hlc: near })]);
    expect(res.body.results[0]!.status).toBe('stored');
  });

  it('refuses an empty batch, a batch over MAX_PUSH_OPS and a body that is not JSON with 400', async () => {
    const before = opCount();
    const empty = await push(alice, []);
    expect(empty.status).toBe(400);
    expect((empty.body as unknown as ErrorBody).error.issues![0]!.field).toBe('ops');
    const huge = await push(
      alice,
      Array.from({ length: MAX_PUSH_OPS + 1 }, () => makeOp(aliceScope)),
    );
    expect(huge.status).toBe(400);
    const bad = await call<ErrorBody>(url, 'POST', '/v1/sync/push', {
      token: alice.accessToken,
      rawBody: '{"ops": [',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_argument');
    expect(opCount()).toBe(before);
  });

  it('numbers each scope contiguously from 1, across concurrent pushes', async () => {
    const carol = await register(url);
    const scope = userScope(carol.userId);
    const batches = Array.from({ length: 12 }, () => Array.from({ length: 25 }, () => makeOp(scope)));
    const replies = await Promise.all(batches.map((b) => push(carol, b)));
    const seqs = replies.flatMap((r) => r.body.results.map((x) => x.seq!)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const stored = server.read<{ seq: number }>('SELECT seq FROM ops WHERE scope = ? ORDER BY seq', scope);
    expect(stored.map((s) => s.seq)).toEqual(seqs);
    // Each batch got a run of consecutive seqs (one transaction each).
    for (const r of replies) {
      const s = r.body.results.map((x) => x.seq!);
      expect(s.at(-1)! - s[0]!).toBe(24);
    }

    // Paging: limit 100 → three full pages, then nothing more.
    let after = 0;
    const pages: PullResponse[] = [];
    for (;;) {
      const page = await pull(carol, scope, after, 100);
      pages.push(page.body);
      after = page.body.last;
      if (!page.body.hasMore) break;
    }
    expect(pages.map((p) => [p.ops.length, p.last, p.head, p.hasMore])).toEqual([
      [100, 100, 300, true],
      [100, 200, 300, true],
      [100, 300, 300, false],
    ]);
    expect(pages.flatMap((p) => p.ops.map((o) => o.opId))).toEqual(
      replies
        .flatMap((r) => r.body.results)
        .sort((a, b) => a.seq! - b.seq!)
        .map((r) => r.opId),
    );
    const past = await pull(carol, scope, 300);
    expect(past.body).toMatchObject({ ops: [], last: 300, head: 300, hasMore: false });

    const bad = await pull(carol, scope, 0, 0);
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ErrorBody).error.issues![0]!.field).toBe('limit');
  });

  it('reports the caller’s readable scopes with their heads (own scope at 0 when empty)', async () => {
    const dave = await register(url);
    const res = await call<SyncStatus>(url, 'GET', '/v1/sync/status', { token: dave.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.scopes).toEqual([{ scope: userScope(dave.userId), seq: 0 }]);
    expect(Math.abs(res.body.serverTime - Date.now())).toBeLessThan(5_000);
  });
});

describe('club scopes follow membership', () => {
  it('owner and editor write, viewer reads only, strangers get nothing', async () => {
    const club = `club:${randomUUID()}`;
    const clubId = club.slice(5);
    addMember(clubId, alice.userId, 'owner');
    addMember(clubId, bob.userId, 'viewer');

    const byOwner = await push(alice, [makeOp(club)]);
    expect(byOwner.body.results[0]!.status).toBe('stored');
    const byViewer = await push(bob, [makeOp(club)]);
    expect(byViewer.body.results[0]).toMatchObject({
      status: 'rejected',
      reason: `forbidden: no write access to ${club}`,
    });
    expect((await pull(bob, club)).body.ops).toHaveLength(1);

    const status = await call<SyncStatus>(url, 'GET', '/v1/sync/status', { token: bob.accessToken });
    expect(status.body.scopes).toContainEqual({ scope: club, seq: 1 });

    const stranger = await register(url);
    expect((await pull(stranger, club)).status).toBe(403);
    expect((await push(stranger, [makeOp(club)])).body.results[0]!.status).toBe('rejected');

    const socket = await connect(url, bob.accessToken);
    sockets.push(socket);
    expect(await socket.emitWithAck('subscribe', { scope: club })).toEqual({ ok: true });
    const seen = pokes(socket);
    await push(alice, [makeOp(club)]);
    await eventually(() => expect(seen).toEqual([{ scope: club, seq: 2 }]));

    const strangerSocket = await connect(url, stranger.accessToken);
    sockets.push(strangerSocket);
    const refused = await strangerSocket.emitWithAck('subscribe', { scope: club });
    expect(refused).toEqual({ ok: false, error: `forbidden: no read access to ${club}` });
  });
});

describe('pokes', () => {
  it('reach the user’s other devices after a push, not the pushing device and not another user', async () => {
    const phone = await login(url, alice.email, 'phone');
    const [laptopSocket, phoneSocket, bobSocket] = await Promise.all([
      connect(url, alice.accessToken),
      connect(url, phone.accessToken),
      connect(url, bob.accessToken),
    ]);
    sockets.push(laptopSocket, phoneSocket, bobSocket);
    const [laptopSeen, phoneSeen, bobSeen] = [laptopSocket, phoneSocket, bobSocket].map(pokes);

    const res = await push(alice, [makeOp(aliceScope), makeOp(aliceScope)]);
    const head = res.body.results[1]!.seq!;
    await eventually(() => expect(phoneSeen).toEqual([{ scope: aliceScope, seq: head }]));

    // Bob pushes to his own scope: the control that shows his socket does receive pokes.
    const bobScope = userScope(bob.userId);
    const bobPhone = await login(url, bob.email, 'bob phone');
    const bobRes = await call<PushResponse>(url, 'POST', '/v1/sync/push', {
      token: bobPhone.accessToken,
      body: { ops: [makeOp(bobScope)] },
    });
    await eventually(() => expect(bobSeen).toEqual([{ scope: bobScope, seq: bobRes.body.results[0]!.seq }]));
    await sleep(50);
    expect(laptopSeen).toEqual([]);
    expect(phoneSeen).toHaveLength(1);

    // A subscribe with a malformed scope is refused with a reason.
    expect(await bobSocket.emitWithAck('subscribe', { scope: 'everything' })).toMatchObject({ ok: false });
    expect(await bobSocket.emitWithAck('subscribe', { scope: aliceScope })).toEqual({
      ok: false,
      error: `forbidden: no read access to ${aliceScope}`,
    });
  });
});
