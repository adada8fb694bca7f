/**
 * The sync client against the real server binary: SIGKILL in the middle of a push and a
 * restart lose and double nothing; background sync follows pokes, reports progress and
 * goes offline (with a retry time) when the server disappears.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatusInfo } from '@reelshelf/shared/contracts';
import { DB_FILE } from '../../server/src/store/open.ts';
import { killServerProcesses, startServerProcess } from '../../server/src/testing/server-process.ts';
import { startTestServer } from '../../server/src/testing/harness.ts';
import { Devices, newEmail, signIn, syncAll } from './devices';

let devices: Devices;
const folders: string[] = [];
afterEach(() => {
  killServerProcesses();
  devices?.cleanup();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A free port, so the restarted server comes back at the address the device knows. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('crash safety with the real client', () => {
  it('SIGKILL mid-push, restart, retry: every op stored exactly once, nothing doubled on another device', async () => {
    devices = new Devices();
    const data = mkdtempSync(join(tmpdir(), 'reelshelf-server-'));
    folders.push(data);
    const port = await freePort();
    let server = await startServerProcess(data, port);
    const email = newEmail();
    const laptop = devices.device('laptop');
    await laptop.call('library.demo', { titles: 400, seed: 7, watchEvents: 3_000 });
    await signIn(laptop, server.url, email, true);
    const produced = laptop.replica.outboxSize();
    expect(produced).toBeGreaterThan(10_000);

    // Kill the server as soon as the push is under way.
    const off = laptop.on('sync', (s) => {
      if (s.progress?.phase === 'push' && s.progress.done >= 1_000) server.child.kill('SIGKILL');
    });
    const cut = await laptop.call('sync.now');
    off();
    expect(cut.state).toBe('offline');
    expect(cut.pending).toBeGreaterThan(0);
    expect(cut.pending).toBeLessThan(produced);

    server = await startServerProcess(data, port);
    expect((await laptop.call('sync.now')).state).toBe('idle');
    expect(laptop.replica.outboxSize()).toBe(0);

    const db = new Database(join(data, DB_FILE), { readonly: true });
    const stored = db
      .prepare('SELECT count(*) AS n, count(DISTINCT op_id) AS ids, max(seq) AS top FROM ops')
      .get() as {
      n: number;
      ids: number;
      top: number;
    };
    db.close();
    expect(stored).toEqual({ n: produced, ids: produced, top: produced });

    const phone = devices.device('phone');
    await signIn(phone, server.url, email);
    await syncAll([phone, laptop]);
    expect(phone.replica.snapshot()).toEqual(laptop.replica.snapshot());
    const count = (sql: string, core: typeof phone) => core.library.sqlite.prepare(sql).pluck().get();
    expect(count('SELECT count(*) FROM watch_events', phone)).toBe(
      count('SELECT count(*) FROM watch_events', laptop),
    );
  }, 120_000);
});

describe('background sync', () => {
  it('follows pokes, reports syncing n/m then idle, and goes offline with a retry time when the server goes away', async () => {
    const server = await startTestServer();
    devices = new Devices();
    const email = newEmail();
    const laptop = devices.device('laptop');
    const phone = devices.device('phone');
    await signIn(laptop, server.url, email, true);
    await signIn(phone, server.url, email);
    const states: SyncStatusInfo[] = [];
    laptop.on('sync', (s) => states.push(s));
    laptop.sync.start();
    phone.sync.start();
    try {
      const changed = new Promise<string[]>((resolve) => phone.on('changed', (e) => resolve(e.entities)));
      const t = await laptop.call('catalog.add', { kind: 'movie', title: 'Playtime', year: 1967 });
      // No one calls sync: the laptop pushes after the local change, the server pokes the phone.
      expect(await changed).toContain('titles');
      expect((await phone.call('catalog.get', { id: t.id })).title).toBe('Playtime');
      expect(states.some((s) => s.state === 'syncing' && s.progress?.phase === 'push')).toBe(true);
      await until(() => states.at(-1)?.state === 'idle');

      await server.close();
      const offline = new Promise<SyncStatusInfo>((resolve) =>
        laptop.on('sync', (s) => s.state === 'offline' && resolve(s)),
      );
      await laptop.call('watch.add', { titleId: t.id });
      const s = await offline;
      expect(s.reason).toMatch(/cannot reach/);
      expect(s.pending).toBeGreaterThan(0); // kept for later
      expect(Date.parse(s.retryAt!)).toBeGreaterThan(Date.now());
    } finally {
      laptop.sync.stop();
      phone.sync.stop();
    }
  }, 30_000);
});
