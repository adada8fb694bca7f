/**
 * The real binary in a child process: killed with SIGKILL in the middle of concurrent
 * pushes and restarted on the same data folder, and stopped with SIGTERM mid-request.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  userScope,
  type PullResponse,
  type PushResponse,
  type PushResult,
  type SyncOp,
} from '@reelshelf/shared/sync';
import { DB_FILE } from './store/open.ts';
import { call, makeOp, register } from './testing/harness.ts';
import { killServerProcesses, startServerProcess } from './testing/server-process.ts';

afterEach(() => killServerProcesses());

describe('crash safety', () => {
  it('after SIGKILL mid-push and a restart, re-pushed batches leave every op exactly once with contiguous seqs', async () => {
    const data = mkdtempSync(join(tmpdir(), 'reelshelf-crash-'));
    const first = await startServerProcess(data);
    const user = await register(first.url);
    const scope = userScope(user.userId);
    const batches: SyncOp[][] = Array.from({ length: 60 }, () =>
      Array.from({ length: 50 }, () => makeOp(scope)),
    );
    const push = (url: string, ops: SyncOp[]) =>
      call<PushResponse>(url, 'POST', '/v1/sync/push', { token: user.accessToken, body: { ops } });

    // All batches at once; SIGKILL as soon as a few have been acknowledged.
    const acked = new Map<number, PushResult[]>();
    const inFlight = batches.map((ops, i) =>
      push(first.url, ops).then(
        (res) => {
          expect(res.status).toBe(200);
          acked.set(i, res.body.results);
          if (acked.size === 3) first.child.kill('SIGKILL');
        },
        () => undefined, // cut off by the kill: the client would retry
      ),
    );
    await Promise.all(inFlight);
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(3);
    expect(acked.size).toBeLessThan(batches.length); // the kill really landed in the middle

    // Same data folder: same secret (the old access token still works), same ops.
    const second = await startServerProcess(data);
    const retried = await Promise.all(batches.map((ops) => push(second.url, ops)));
    for (const [i, res] of retried.entries()) {
      expect(res.status).toBe(200);
      expect(res.body.results.every((r) => r.status === 'stored' || r.status === 'duplicate')).toBe(true);
      // An acknowledged op was durable: the retry finds it, with the seq it was given.
      const before = acked.get(i);
      if (before) expect(res.body.results).toEqual(before.map((r) => ({ ...r, status: 'duplicate' })));
    }

    const pulled: PullResponse['ops'] = [];
    let after = 0;
    for (;;) {
      const page = await call<PullResponse>(
        second.url,
        'GET',
        `/v1/sync/pull?scope=${scope}&after=${after}&limit=700`,
        {
          token: user.accessToken,
        },
      );
      pulled.push(...page.body.ops);
      after = page.body.last;
      if (!page.body.hasMore) break;
    }
    const all = batches.flat();
    expect(pulled).toHaveLength(all.length);
    expect(pulled.map((o) => o.seq)).toEqual(all.map((_, i) => i + 1));
    expect(new Set(pulled.map((o) => o.opId))).toEqual(new Set(all.map((o) => o.opId)));
    const byId = new Map(all.map((o) => [o.opId, o]));
    for (const { seq: _seq, ...op } of pulled) expect(op).toEqual(byId.get(op.opId));

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM lets the request in flight finish, refuses new connections, and exits 0', async () => {
    const data = mkdtempSync(join(tmpdir(), 'reelshelf-term-'));
    const server = await startServerProcess(data);
    const user = await register(server.url);
    const op = makeOp(userScope(user.userId));
    const body = JSON.stringify({ ops: [op] });
    const { port } = new URL(server.url);

    // Half the body now, the rest after SIGTERM: the request is in flight across the signal.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          port,
          method: 'POST',
          path: '/v1/sync/push',
          headers: {
            authorization: `Bearer ${user.accessToken}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        const waitForShutdown = setInterval(() => {
          if (!server.lines.some((l) => l.msg === 'shutting down')) return;
          clearInterval(waitForShutdown);
          fetch(`${server.url}/healthz`).then(
            () => reject(new Error('a new connection was accepted during shutdown')),
            () => req.end(body.slice(20)),
          );
        }, 10);
      }, 100);
    });

    const res = await response;
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as PushResponse).results).toEqual([
      { opId: op.opId, status: 'stored', seq: 1 },
    ]);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.at(-1)!.msg).toBe('stopped');
    // Not held up by the finished request's keep-alive connection (5 s) or the 10 s grace period.
    const at = (msg: string) => server.lines.find((l) => l.msg === msg)!.time as number;
    expect(at('stopped') - at('shutting down')).toBeLessThan(3_000);

    const db = new Database(join(data, DB_FILE), { readonly: true });
    expect(db.prepare('SELECT op_id FROM ops').all()).toEqual([{ op_id: op.opId }]);
    db.close();
  });
});
