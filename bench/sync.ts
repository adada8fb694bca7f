/**
 * Sync benchmarks (npm run bench -- sync), on loopback against the real server binary
 * (`reelshelf-server start --port 0`, a fresh temp data folder per measurement) with real
 * desktop cores in this process (openCore on library files in a temp folder), signed in
 * through the real commands:
 *   1. push throughput: 50 devices with ~3,300 offline ops each run `sync.now` at once;
 *      baseline: one device pushing the same number of ops alone;
 *   2. poke-to-applied latency: 200 devices (100 users × 2) syncing in the background;
 *      a writer's command returning → its partner's `changed` event, at a steady rate;
 *      baseline: GET /healthz round trips;
 *   3. catch-up: a fresh device signs in to an account 100,000+ ops ahead and runs
 *      `sync.now`; baseline: the same pages pulled over HTTP without applying them.
 * The bench process and the server share the machine's cores. Prints a table and
 * writes bench/results/sync.json.
 */
import Database from 'better-sqlite3';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { SyncStatusInfo } from '@reelshelf/shared/contracts';
import { userScope, type PullResponse, type Session } from '@reelshelf/shared/sync';
import { openCore, type Core } from '../desktop/core';
import { DB_FILE } from '../server/src/store/open.ts';
import { startServerProcess } from '../server/src/testing/server-process.ts';
import { resultHeader, saveResult } from './results';
import { peakRssMiB, percentiles } from './stats';

const TARGETS = { pushOpsPerSecond: 5_000, pokeP99Ms: 100, catchUpSeconds: 10 };
const PUSH = { clients: 50, titlesPerClient: 75 };
const POKE = { users: 100, edits: 500, editsPerSecond: 25, timeoutMs: 10_000 };
const CATCH_UP = { titles: 3_000, creditsPerTitle: 3, watchEvents: 6_000, minOps: 100_000 };
const HEALTHZ_ROUND_TRIPS = 500;
const PASSWORD = 'correct horse battery staple';
/** Sign-ins at once: each costs the server an argon2id hash. */
const SIGN_IN_CONCURRENCY = 4;

const root = mkdtempSync(join(tmpdir(), 'reelshelf-bench-sync-'));
const suiteStart = performance.now();
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (text: string) => process.stderr.write(`${text}\n`);
/**
 * Lets the event loop run I/O callbacks before a timed sync that follows long synchronous
 * work, so a keep-alive connection the server closed meanwhile (5 s idle) is noticed here
 * rather than costing the client's one retry inside the measurement.
 */
const yieldToEventLoop = () => sleep(10);

// ---- the server, as a child process ----

interface RequestLine {
  route?: string;
  status: number;
  durationMs: number;
}

interface ServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** One per request, from the server's log lines. */
  readonly requests: RequestLine[];
  /** User + system CPU seconds the server has used so far (from /proc). */
  cpuSeconds(): number;
  /** The server's RSS high-water mark (VmHWM). */
  peakRssMiB(): number;
  /** Ops in the server's log (read-only connection to its database file). */
  opCount(): number;
  stop(): Promise<void>;
}

const servers = new Set<ServerProcess>();
const cores = new Set<Core>();

function procStatus(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function procCpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks, after the ")" of the name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function startServer(name: string): Promise<ServerProcess> {
  const dataDir = join(root, `server-${name}`);
  const profile = process.env.SYNC_BENCH_SERVER_PROFILE;
  const { child, url, lines, exited } = await startServerProcess(dataDir, 0, {
    args: ['--auth-rate-limit', '100000', '--log-level', 'info'],
    execArgv: profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [],
  });
  const pid = child.pid!;
  const server: ServerProcess = {
    url,
    dataDir,
    child,
    get requests() {
      return lines
        .filter((l) => l.msg === 'request' || l.msg === 'request failed')
        .map((l) => ({
          route: l.route as string | undefined,
          status: l.status as number,
          durationMs: l.durationMs as number,
        }));
    },
    cpuSeconds: () => procCpuSeconds(pid),
    peakRssMiB: () => round(procStatus(pid, 'VmHWM') / 1024, 0),
    opCount() {
      const db = new Database(join(dataDir, DB_FILE), { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM ops').pluck().get() as number;
      } finally {
        db.close();
      }
    },
    async stop() {
      servers.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
  servers.add(server);
  return server;
}

/** Server-side time per route (from its request log lines), e.g. to see where a push's time goes. */
function routeSummary(requests: RequestLine[]) {
  const byRoute = new Map<string, number[]>();
  for (const r of requests) {
    const key = `${r.route ?? '?'}${r.status >= 400 ? ` ${r.status}` : ''}`;
    if (!byRoute.has(key)) byRoute.set(key, []);
    byRoute.get(key)!.push(r.durationMs);
  }
  return Object.fromEntries(
    [...byRoute].map(([route, ms]) => [
      route,
      { count: ms.length, totalSeconds: round(ms.reduce((a, b) => a + b, 0) / 1000, 2), ms: percentiles(ms) },
    ]),
  );
}

// ---- devices ----

interface SyncEvent {
  t: number;
  state: SyncStatusInfo['state'];
  progress?: SyncStatusInfo['progress'];
}

interface Device {
  name: string;
  core: Core;
  /** Every `sync` event this device emitted, with performance.now() stamps. */
  events: SyncEvent[];
}

function openDevice(folder: string, name: string): Device {
  const core = openCore(join(folder, `${name}.db`));
  cores.add(core);
  const events: SyncEvent[] = [];
  core.on('sync', (s) => events.push({ t: performance.now(), state: s.state, progress: s.progress }));
  return { name, core, events };
}

function closeDevice(d: Device): void {
  d.core.close();
  cores.delete(d.core);
}

const emailOf = (name: string) => `${name}@bench.example.org`;

async function signIn(d: Device, server: ServerProcess, mode: 'register' | 'login', user: string) {
  const info = await d.core.call(mode === 'register' ? 'sync.register' : 'sync.login', {
    server: server.url,
    email: emailOf(user),
    password: PASSWORD,
    deviceName: d.name,
  });
  if (info.state !== 'idle') throw new Error(`${d.name}: ${mode} left sync ${info.state}: ${info.reason}`);
}

async function syncNow(d: Device): Promise<SyncStatusInfo> {
  const info = await d.core.call('sync.now');
  if (info.state !== 'idle') throw new Error(`${d.name}: sync.now ended ${info.state}: ${info.reason}`);
  return info;
}

/** Runs fn over items with at most `limit` at a time. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** When the device's push of this cycle was fully acknowledged (its last push progress event). */
function pushDoneAt(d: Device, after: number): number | undefined {
  return d.events.find(
    (e) =>
      e.t >= after &&
      e.progress?.phase === 'push' &&
      e.progress.total > 0 &&
      e.progress.done >= e.progress.total,
  )?.t;
}

// ---- 1. push throughput ----

const GENRES = ['Drama', 'Comedy', 'Thriller', 'Documentary', 'Animation', 'Romance'];

/** Offline edits through real commands: per title an add, two watches, a rating and a watchlist add. */
async function makeEdits(d: Device, prefix: string, titles: number): Promise<void> {
  for (let i = 0; i < titles; i++) {
    const t = await d.core.call('catalog.add', {
      kind: 'movie',
      title: `${prefix} feature ${i}`,
      year: 1950 + ((i * 7) % 70),
      genres: [GENRES[i % GENRES.length]!, GENRES[(i + 2) % GENRES.length]!],
      overview: `Benchmark title ${i} of ${prefix}: a story told in a few sentences so the op carries ordinary text.`,
      runtimeMinutes: 80 + (i % 60),
      language: 'en',
    });
    await d.core.call('watch.add', { titleId: t.id, watchedOn: `2024-0${1 + (i % 9)}-1${i % 10}` });
    await d.core.call('ratings.set', { titleId: t.id, stars: 1 + (i % 9) / 2 });
    await d.core.call('lists.add', { list: 'watchlist', titleId: t.id });
    await d.core.call('watch.add', { titleId: t.id, watchedOn: null });
    // Commands come from separate messages in the app: let the event loop turn between titles.
    await new Promise(setImmediate);
  }
}

async function measurePush() {
  log(`1. push throughput: ${PUSH.clients} devices + 1 baseline device…`);
  const server = await startServer('push');
  const folder = mkdtempSync(join(root, 'push-'));
  const names = [...Array.from({ length: PUSH.clients }, (_, i) => `push${i}`), 'pushalone'];
  const devices = names.map((n) => openDevice(folder, n));
  const tSignIn = performance.now();
  await mapLimit(devices, SIGN_IN_CONCURRENCY, (d) => signIn(d, server, 'register', d.name));
  const signInSeconds = (performance.now() - tSignIn) / 1000;
  const tEdits = performance.now();
  for (const d of devices) await makeEdits(d, d.name, PUSH.titlesPerClient);
  const editSeconds = (performance.now() - tEdits) / 1000;
  const queued = devices.map((d) => d.core.replica.outboxSize());
  log(
    `   ${devices.length} devices signed in in ${round(signInSeconds)} s; ${queued.reduce((a, b) => a + b, 0)} ops queued offline in ${round(editSeconds)} s`,
  );

  // Baseline: one device alone, same ops, same server, before the crowd.
  const alone = devices.at(-1)!;
  const aloneOps = alone.core.replica.outboxSize();
  await yieldToEventLoop();
  let t0 = performance.now();
  await syncNow(alone);
  const aloneTotal = performance.now() - t0;
  const alonePush = pushDoneAt(alone, t0)! - t0;
  const opsBefore = server.opCount();

  // 50 devices at once.
  const crowd = devices.slice(0, PUSH.clients);
  const crowdOps = crowd.reduce((n, d) => n + d.core.replica.outboxSize(), 0);
  const cpu0 = { bench: ownCpuSeconds(), server: server.cpuSeconds() };
  const requestsBefore = server.requests.length;
  await yieldToEventLoop();
  t0 = performance.now();
  await Promise.all(crowd.map((d) => syncNow(d)));
  const crowdTotal = performance.now() - t0;
  const finishes = crowd.map((d) => pushDoneAt(d, t0)! - t0);
  const pushWall = Math.max(...finishes);
  const acknowledged = crowdOps - crowd.reduce((n, d) => n + d.core.replica.outboxSize(), 0);
  const rejected = (await Promise.all(devices.map((d) => d.core.call('sync.status')))).reduce(
    (n, s) => n + s.rejected,
    0,
  );
  const serverOps = server.opCount() - opsBefore;
  const cpu = {
    benchSeconds: round(ownCpuSeconds() - cpu0.bench),
    serverSeconds: round(server.cpuSeconds() - cpu0.server),
  };
  // Ops acknowledged per second, from every device's push progress events.
  const perSecond: number[] = [];
  for (const d of crowd) {
    let prev = 0;
    for (const e of d.events) {
      if (e.t < t0 || e.progress?.phase !== 'push') continue;
      const bucket = Math.floor((e.t - t0) / 1000);
      perSecond[bucket] = (perSecond[bucket] ?? 0) + e.progress.done - prev;
      prev = e.progress.done;
    }
  }
  const timeline = Array.from(perSecond, (n) => n ?? 0);
  const fullSeconds = timeline.slice(0, Math.floor(pushWall / 1000));
  const result = {
    devices: PUSH.clients,
    why: 'one user per device: each pushes to its own scope, as 50 people syncing at once would',
    opsPerDevice: percentiles(queued.slice(0, PUSH.clients)),
    signInSeconds: round(signInSeconds),
    offlineEditSeconds: round(editSeconds),
    opsAcknowledged: acknowledged,
    opsStoredByServer: serverOps,
    opsRejectedByServer: rejected,
    pushSeconds: round(pushWall / 1000, 2),
    opsPerSecond: Math.round(acknowledged / (pushWall / 1000)),
    slowestFullSecondOpsPerSecond: fullSeconds.length ? Math.min(...fullSeconds) : null,
    opsPerSecondTimeline: timeline,
    firstDeviceDoneSeconds: round(Math.min(...finishes) / 1000, 2),
    syncNowSecondsIncludingPullBack: round(crowdTotal / 1000, 2),
    cpuDuringSyncNow: cpu,
    serverRoutes: routeSummary(server.requests.slice(requestsBefore)),
    baselineOneDevice: {
      ops: aloneOps,
      pushSeconds: round(alonePush / 1000, 2),
      opsPerSecond: Math.round(aloneOps / (alonePush / 1000)),
      syncNowSecondsIncludingPullBack: round(aloneTotal / 1000, 2),
    },
    serverPeakRssMiB: server.peakRssMiB(),
  };
  for (const d of devices) closeDevice(d);
  await server.stop();
  return result;
}

// ---- 2. poke-to-applied latency ----

async function localTitleIds(d: Device): Promise<string[]> {
  const page = await d.core.call('catalog.search', { text: '', sort: 'title', limit: 10 });
  return page.items.map((t) => t.id);
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function measurePoke() {
  log(`2. poke-to-applied: ${POKE.users} users × 2 devices syncing in the background…`);
  const server = await startServer('poke');
  const folder = mkdtempSync(join(root, 'poke-'));
  const pairs = Array.from({ length: POKE.users }, (_, u) => ({
    a: openDevice(folder, `poke${u}a`),
    b: openDevice(folder, `poke${u}b`),
  }));
  const all = pairs.flatMap((p) => [p.a, p.b]);
  const tSignIn = performance.now();
  await mapLimit(pairs, SIGN_IN_CONCURRENCY, async (p, u) => {
    await signIn(p.a, server, 'register', `poke${u}`);
    for (let i = 0; i < 3; i++)
      await p.a.core.call('catalog.add', { kind: 'movie', title: `Shared ${u}-${i}`, year: 2000 + i });
    await syncNow(p.a);
    await signIn(p.b, server, 'login', `poke${u}`);
    await syncNow(p.b);
    await syncNow(p.a);
  });
  const setupSeconds = (performance.now() - tSignIn) / 1000;
  const ids = await Promise.all(
    pairs.map(async (p) => ({ a: await localTitleIds(p.a), b: await localTitleIds(p.b) })),
  );
  if (ids.some((x) => x.a.length !== 3 || x.b.length !== 3))
    throw new Error('pairs did not converge before the test');

  // Background sync everywhere: each device connects its socket and syncs once on connect.
  const tStart = performance.now();
  for (const d of all) d.core.sync.start();
  await waitFor(
    () => all.every((d) => d.events.some((e) => e.t >= tStart && e.state === 'idle')),
    'every device to connect and sync',
  );
  const connectSeconds = (performance.now() - tStart) / 1000;
  await sleep(500);

  // Baseline: loopback HTTP round trips with the 200 sockets connected and idle.
  const healthz: number[] = [];
  for (let i = 0; i < HEALTHZ_ROUND_TRIPS; i++) {
    const t = performance.now();
    const res = await fetch(`${server.url}/healthz`);
    await res.json();
    healthz.push(performance.now() - t);
  }

  interface Edit {
    pair: number;
    kind: 'rating' | 'watch';
    t0: number;
    applied?: number;
  }
  const edits: Edit[] = [];
  const inFlight = new Map<Device, Edit>();
  for (const d of all) {
    d.core.on('changed', ({ entities }) => {
      const edit = inFlight.get(d);
      if (!edit || !entities.includes(edit.kind === 'rating' ? 'ratings' : 'watches')) return;
      edit.applied = performance.now();
      inFlight.delete(d);
    });
  }
  const interval = 1000 / POKE.editsPerSecond;
  const cpu0 = { bench: ownCpuSeconds(), server: server.cpuSeconds() };
  const requestsBefore = server.requests.length;
  // Stalls of this process (all 200 devices share its event loop): loop delay and GC pauses.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const tEdits = performance.now();
  for (let k = 0; k < POKE.edits; k++) {
    const wait = tEdits + k * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const pair = k % POKE.users;
    const round_ = Math.floor(k / POKE.users);
    // The two devices take turns writing; the other one must apply the change.
    const [writer, partner, titles] =
      round_ % 2 === 0
        ? [pairs[pair]!.a, pairs[pair]!.b, ids[pair]!.a]
        : [pairs[pair]!.b, pairs[pair]!.a, ids[pair]!.b];
    const edit: Edit = { pair, kind: k % 2 === 0 ? 'rating' : 'watch', t0: 0 };
    const titleId = titles[round_ % titles.length]!;
    inFlight.set(partner, edit);
    if (edit.kind === 'rating')
      await writer.core.call('ratings.set', { titleId, stars: 1 + (round_ % 8) / 2 });
    else await writer.core.call('watch.add', { titleId, watchedOn: null });
    edit.t0 = performance.now();
    edits.push(edit);
  }
  await waitFor(() => inFlight.size === 0, 'the last edits to arrive', POKE.timeoutMs).catch(() => undefined);
  const editSeconds = (performance.now() - tEdits) / 1000;
  loopDelay.disable();
  gcObserver.disconnect();
  const benchStalls = {
    eventLoopDelayMs: {
      p50: round(loopDelay.percentile(50) / 1e6),
      p99: round(loopDelay.percentile(99) / 1e6),
      max: round(loopDelay.max / 1e6),
    },
    gc: {
      pauses: gcPauses.length,
      totalMs: round(gcPauses.reduce((a, b) => a + b, 0)),
      ms: percentiles(gcPauses),
    },
  };
  const cpu = {
    benchSeconds: round(ownCpuSeconds() - cpu0.bench),
    serverSeconds: round(server.cpuSeconds() - cpu0.server),
  };

  // Where the time goes, from the devices' own sync events (no hooks in the core): the writer's
  // push acknowledged, then the partner starting the cycle that the poke scheduled.
  const done = edits.filter((e) => e.applied !== undefined);
  const endToEnd = done.map((e) => e.applied! - e.t0);
  const toPushAcked: number[] = [];
  const toPokeReceived: number[] = [];
  const pokeToApplied: number[] = [];
  for (const e of done) {
    const k = edits.indexOf(e);
    const p = pairs[e.pair]!;
    const [writer, partner] = Math.floor(k / POKE.users) % 2 === 0 ? [p.a, p.b] : [p.b, p.a];
    const acked = pushDoneAt(writer, e.t0);
    const started = partner.events.find(
      (ev) =>
        ev.t >= e.t0 && ev.state === 'syncing' && ev.progress?.phase === 'push' && ev.progress.done === 0,
    )?.t;
    if (acked !== undefined && acked <= e.applied!) toPushAcked.push(acked - e.t0);
    if (started !== undefined && started <= e.applied!) {
      toPokeReceived.push(started - e.t0);
      pokeToApplied.push(e.applied! - started);
    }
  }
  const timerSyncs = all.filter((d) => d.events.some((e) => e.t >= tStart + 60_000)).length;
  const result = {
    devices: all.length,
    users: POKE.users,
    setupSeconds: round(setupSeconds),
    connectAndFirstSyncSeconds: round(connectSeconds, 2),
    edits: edits.length,
    editsPerSecond: POKE.editsPerSecond,
    editSeconds: round(editSeconds),
    applied: done.length,
    lost: edits.length - done.length,
    endToEndMs: percentiles(endToEnd),
    breakdownMs: {
      commandToWriterPushAcknowledged: percentiles(toPushAcked),
      commandToPartnerCycleStart: percentiles(toPokeReceived),
      pokeReceivedToApplied: percentiles(pokeToApplied),
      note:
        'the writer syncs shortly after a local change (LOCAL_CHANGE_DELAY_MS in desktop/core/sync/service.ts); "partner cycle start" is the ' +
        "partner's first sync event after the command, which the poke schedules with a 0 ms timer",
    },
    devicesHitByTheMinuteTimer: timerSyncs,
    cpuDuringEdits: cpu,
    benchProcessStalls: benchStalls,
    serverRoutes: routeSummary(server.requests.slice(requestsBefore)),
    baselineHealthzMs: percentiles(healthz),
    serverPeakRssMiB: server.peakRssMiB(),
  };
  for (const d of all) closeDevice(d);
  await server.stop();
  return result;
}

// ---- 3. catch-up of a device 100,000 ops behind ----

function libraryCounts(d: Device) {
  const count = (table: string) =>
    d.core.library.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    titles: count('titles'),
    credits: count('credits'),
    copies: count('copies'),
    watches: count('watch_events'),
    ratings: count('ratings'),
    listItems: count('list_items'),
  };
}

const snapshotSizes = (snapshot: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(snapshot).map(([entity, rows]) => [entity, Object.keys(rows).length]));

async function measureCatchUp() {
  log(`3. catch-up: a device ${CATCH_UP.minOps.toLocaleString('en')}+ ops behind…`);
  const server = await startServer('catchup');
  const folder = mkdtempSync(join(root, 'catchup-'));
  const source = openDevice(folder, 'source');
  const demo = await source.core.call('library.demo', {
    titles: CATCH_UP.titles,
    creditsPerTitle: CATCH_UP.creditsPerTitle,
    watchEvents: CATCH_UP.watchEvents,
    episodes: false,
    seed: 7,
  });
  let t0 = performance.now();
  await signIn(source, server, 'register', 'catchup');
  const captureSeconds = (performance.now() - t0) / 1000;
  const opsQueued = source.core.replica.outboxSize();
  if (opsQueued < CATCH_UP.minOps) throw new Error(`only ${opsQueued} ops queued; raise CATCH_UP sizes`);
  await yieldToEventLoop();
  t0 = performance.now();
  await syncNow(source);
  const sourceSyncSeconds = (performance.now() - t0) / 1000;
  const sourcePushSeconds = (pushDoneAt(source, t0)! - t0) / 1000;
  const sourceRejected = (await source.core.call('sync.status')).rejected;
  const head = server.opCount();

  // Baseline: the same pages over HTTP, parsed but not applied (a separate device's token).
  const loginRes = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emailOf('catchup'), password: PASSWORD, deviceName: 'raw-pull' }),
  });
  const session = (await loginRes.json()) as Session;
  const scope = userScope(session.userId);
  t0 = performance.now();
  let after = 0;
  let pages = 0;
  let pulled = 0;
  let bytes = 0;
  for (;;) {
    const res = await fetch(`${server.url}/v1/sync/pull?scope=${scope}&after=${after}&limit=5000`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    const text = await res.text();
    bytes += text.length;
    const page = JSON.parse(text) as PullResponse;
    pages++;
    pulled += page.ops.length;
    after = page.last;
    if (!page.hasMore) break;
  }
  const rawSeconds = (performance.now() - t0) / 1000;

  // The fresh device.
  const fresh = openDevice(folder, 'fresh');
  await signIn(fresh, server, 'login', 'catchup');
  const ownOps = fresh.core.replica.outboxSize();
  const cpu0 = { bench: ownCpuSeconds(), server: server.cpuSeconds() };
  const requestsBefore = server.requests.length;
  await yieldToEventLoop();
  t0 = performance.now();
  await syncNow(fresh);
  const catchUpSeconds = (performance.now() - t0) / 1000;
  const cpu = {
    benchSeconds: round(ownCpuSeconds() - cpu0.bench),
    serverSeconds: round(server.cpuSeconds() - cpu0.server),
  };
  const progress = fresh.events
    .filter((e) => e.t >= t0 && e.progress)
    .map((e) => ({ atSeconds: round((e.t - t0) / 1000, 2), ...e.progress! }));
  const pullProgress = progress.filter((p) => p.phase === 'pull');

  // Does the fresh device hold the same library? The source takes the fresh device's own
  // ops (its default profile and system lists) first, then every synced row must be equal.
  await syncNow(source);
  await syncNow(fresh);
  const sourceCounts = libraryCounts(source);
  const freshCounts = libraryCounts(fresh);
  const a = source.core.replica.snapshot();
  const b = fresh.core.replica.snapshot();
  const result = {
    demo,
    opsBehind: head,
    signInCaptureSeconds: round(captureSeconds, 2),
    sourcePushSeconds: round(sourcePushSeconds, 2),
    /** After its push the source pulls its own ops back (the server sends a device its own ops too). */
    sourcePullBackSeconds: round(sourceSyncSeconds - sourcePushSeconds, 2),
    sourceOpsRejectedByServer: sourceRejected,
    freshDeviceOwnOps: ownOps,
    catchUpSeconds: round(catchUpSeconds, 2),
    opsPerSecond: Math.round(head / catchUpSeconds),
    progressEvents: {
      count: progress.length,
      pullEvents: pullProgress.length,
      first: progress[0],
      last: progress.at(-1),
    },
    matches: {
      counts: isDeepStrictEqual(sourceCounts, freshCounts),
      snapshot: isDeepStrictEqual(a, b),
      source: sourceCounts,
      fresh: freshCounts,
      snapshotRows: snapshotSizes(b),
    },
    cpuDuringCatchUp: cpu,
    serverRoutes: routeSummary(server.requests.slice(requestsBefore)),
    baselineRawPull: {
      pages,
      ops: pulled,
      MiB: round(bytes / 2 ** 20),
      seconds: round(rawSeconds, 2),
    },
    serverPeakRssMiB: server.peakRssMiB(),
  };
  closeDevice(source);
  closeDevice(fresh);
  await server.stop();
  return result;
}

// ---- run, report, clean up ----

/** Which code was measured: the commit, and files under test that differ from it. */
function codeVersion() {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommitted: git('status', '--porcelain', '--', 'shared', 'desktop/core', 'server')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3)),
    };
  } catch {
    return undefined;
  }
}

function cleanUp(): void {
  for (const core of cores) {
    try {
      core.close();
    } catch {
      // already closed
    }
  }
  cores.clear();
  for (const s of servers)
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

try {
  const push = await measurePush();
  const poke = await measurePoke();
  const catchUp = await measureCatchUp();
  const met = {
    push: push.opsPerSecond >= TARGETS.pushOpsPerSecond && push.opsRejectedByServer === 0,
    poke: poke.lost === 0 && poke.endToEndMs.p99 <= TARGETS.pokeP99Ms,
    catchUp:
      catchUp.catchUpSeconds <= TARGETS.catchUpSeconds &&
      catchUp.progressEvents.pullEvents > 0 &&
      catchUp.matches.counts &&
      catchUp.matches.snapshot,
  };
  const result = {
    ...resultHeader('sync'),
    code: codeVersion(),
    note: 'loopback; the server is a child process, all devices live in the bench process, both share the CPU cores',
    suiteSeconds: round((performance.now() - suiteStart) / 1000),
    benchPeakRssMiB: peakRssMiB(),
    pushThroughput: push,
    pokeToApplied: poke,
    catchUp,
    targets: {
      pushOpsPerSecond: { target: TARGETS.pushOpsPerSecond, value: push.opsPerSecond, met: met.push },
      pokeP99Ms: { target: TARGETS.pokeP99Ms, value: poke.endToEndMs.p99, met: met.poke },
      catchUpSeconds: { target: TARGETS.catchUpSeconds, value: catchUp.catchUpSeconds, met: met.catchUp },
    },
  };
  saveResult('sync', result);
  const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
  console.table({
    [`push, ${PUSH.clients} devices (ops/s)`]: {
      value: push.opsPerSecond,
      target: `≥ ${TARGETS.pushOpsPerSecond}`,
      result: verdict(met.push),
      baseline: `1 device alone: ${push.baselineOneDevice.opsPerSecond} ops/s`,
      note: `${push.opsAcknowledged} ops in ${push.pushSeconds} s`,
    },
    [`poke → applied p99, ${poke.devices} devices (ms)`]: {
      value: poke.endToEndMs.p99,
      target: `≤ ${TARGETS.pokeP99Ms}`,
      result: verdict(met.poke),
      baseline: `GET /healthz p50 ${poke.baselineHealthzMs.p50}, p99 ${poke.baselineHealthzMs.p99} ms`,
      note: `p50 ${poke.endToEndMs.p50}, p95 ${poke.endToEndMs.p95}, max ${poke.endToEndMs.max}; ${poke.applied}/${poke.edits} applied`,
    },
    [`catch-up, ${catchUp.opsBehind} ops behind (s)`]: {
      value: catchUp.catchUpSeconds,
      target: `≤ ${TARGETS.catchUpSeconds}`,
      result: verdict(met.catchUp),
      baseline: `raw HTTP pull: ${catchUp.baselineRawPull.seconds} s`,
      note: `${catchUp.progressEvents.count} progress events; library ${catchUp.matches.snapshot ? 'matches' : 'DIFFERS'}`,
    },
  });
  console.log(
    `Results: bench/results/sync.json (${result.suiteSeconds} s; bench peak RSS ${result.benchPeakRssMiB} MiB)`,
  );
  if (!met.push || !met.poke || !met.catchUp) process.exitCode = 1;
} finally {
  for (const s of [...servers]) await s.stop();
  cleanUp();
}
