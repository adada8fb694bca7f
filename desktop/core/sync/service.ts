import { hostname } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import {
  describeDuration,
  userScope,
  type ClientToServerEvents,
  type PushResult,
  type ServerToClientEvents,
  type Session,
} from '@reelshelf/shared/sync';
import type { CommandArgs, SyncDevice, SyncStatusInfo } from '@reelshelf/shared/contracts';
import { CoreError } from '@reelshelf/shared/contracts';
import type Database from 'better-sqlite3';
import { statement } from '../db/statements';
import { OfflineError, ServerError, SyncApi, type Tokens } from './api-client';
import { readAccount, setSyncOwner, syncOwner, writeAccount, type StoredAccount } from './account';
import type { ApplyResult, Replica } from './replica';

const PUSH_BATCH = 500;
const PULL_PAGE = 5_000;
const TIMER_MS = 60_000;
/** Commands in quick succession (an import, a burst of keystrokes) share one sync. */
const LOCAL_CHANGE_DELAY_MS = 10;
const MAX_BACKOFF_MS = 5 * 60_000;
/**
 * How long the server's time and list of readable scopes are trusted before a cycle asks
 * again: a cycle that follows a poke or a local change goes straight to push and pull.
 */
const STATUS_EVERY_MS = 60_000;

export interface SyncHost {
  sqlite: Database.Database;
  replica: Replica;
  /** Doors hear about rows that sync changed and about sync status. */
  changed(entities: string[]): void;
  status(info: SyncStatusInfo): void;
}

/**
 * Signs in and out, and moves ops: push the outbox, then pull every readable scope
 * after its cursor and apply each page in one transaction (with the cursor, so a crash
 * between pages repeats at most one page, which changes nothing). In the background it
 * syncs on a poke, on reconnect, on a timer and shortly after a local change, backing off
 * exponentially while the server is unreachable.
 */
export class SyncService {
  private account: StoredAccount | undefined;
  private api: SyncApi | undefined;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private due: NodeJS.Timeout | undefined;
  private running: Promise<SyncStatusInfo> | undefined;
  private again = false;
  private failures = 0;
  private background = false;
  private info: SyncStatusInfo;
  private lastStatus: { at: number; scopes: string[] } | undefined;

  constructor(private readonly host: SyncHost) {
    this.account = readAccount(host.sqlite);
    this.api = this.account && this.apiFor(this.account);
    this.info = this.baseStatus(this.account ? 'idle' : 'signed-out');
  }

  private apiFor(account: StoredAccount): SyncApi {
    return this.apiWith(account.server, { refreshToken: account.refreshToken });
  }

  private apiWith(server: string, tokens: Tokens): SyncApi {
    return new SyncApi(
      server,
      tokens,
      (s) => this.saveSession(s),
      () => readAccount(this.host.sqlite)?.refreshToken,
    );
  }

  private saveSession(session: Session): void {
    if (!this.account) return;
    this.account = { ...this.account, refreshToken: session.refreshToken };
    writeAccount(this.host.sqlite, this.account);
  }

  private baseStatus(state: SyncStatusInfo['state']): SyncStatusInfo {
    const rejected = statement(
      this.host.sqlite,
      "SELECT count(*) FROM sync_rejected WHERE direction = 'push'",
    )
      .pluck()
      .get() as number;
    const offset = this.host.replica.clock.offsetMs;
    return {
      state,
      server: this.account?.server ?? null,
      email: this.account?.email ?? null,
      deviceId: this.account?.deviceId ?? null,
      pending: this.host.replica.outboxSize(),
      rejected,
      lastSyncedAt: this.account?.lastSyncedAt ?? null,
      clockWarning:
        offset === 0
          ? undefined
          : `This device's clock is ${describeDuration(offset)} ${offset > 0 ? 'behind' : 'ahead of'} the sync server's; ` +
            "changes made here are stamped with the server's time instead.",
    };
  }

  private report(state: SyncStatusInfo['state'], extra: Partial<SyncStatusInfo> = {}): SyncStatusInfo {
    this.info = { ...this.baseStatus(state), ...extra };
    this.host.status(this.info);
    return this.info;
  }

  status(): SyncStatusInfo {
    return this.running
      ? this.info
      : this.baseStatus(this.info.state === 'syncing' ? 'idle' : this.info.state);
  }

  async signIn(mode: 'register' | 'login', args: CommandArgs<'sync.login'>): Promise<SyncStatusInfo> {
    const api = new SyncApi(args.server, undefined);
    const credentials = {
      email: args.email,
      password: args.password,
      deviceName: args.deviceName ?? hostname(),
    };
    let session: Session;
    try {
      session = mode === 'register' ? await api.register(credentials) : await api.login(credentials);
    } catch (e) {
      throw asCoreError(e);
    }
    const { sqlite, replica } = this.host;
    const account: StoredAccount = {
      server: args.server,
      email: args.email.trim().toLowerCase(),
      userId: session.userId,
      deviceId: session.deviceId,
      refreshToken: session.refreshToken,
      lastSyncedAt: null,
    };
    sqlite.transaction(() => {
      // Another account's sync state says nothing about this one: start over and send everything.
      const owner = syncOwner(sqlite);
      if (owner !== undefined && owner !== session.userId) replica.reset();
      setSyncOwner(sqlite, session.userId);
      writeAccount(sqlite, account);
      // Rows written before sync existed (or by the demo generator) get their ops now.
      replica.captureAll((done, total) =>
        this.report('syncing', { progress: { phase: 'prepare', done, total } }),
      );
    })();
    this.account = account;
    this.lastStatus = undefined;
    this.api = this.apiWith(args.server, session);
    this.failures = 0;
    if (this.background) this.connect();
    return this.report('idle');
  }

  async signOut(): Promise<SyncStatusInfo> {
    const api = this.api;
    this.disconnect();
    if (api) {
      // Revoke this device on the server when it can be reached; signing out works offline too.
      await api.logout().catch(() => undefined);
    }
    this.api = undefined;
    this.account = undefined;
    this.lastStatus = undefined;
    writeAccount(this.host.sqlite, undefined);
    return this.report('signed-out');
  }

  /** The account's devices, as the server knows them. */
  async devices(): Promise<SyncDevice[]> {
    try {
      return await this.signedIn().devices();
    } catch (e) {
      throw asCoreError(e);
    }
  }

  /** Signs another device out for good (a lost phone); returns the devices left. */
  async revoke(deviceId: string): Promise<SyncDevice[]> {
    if (deviceId === this.account?.deviceId) {
      throw new CoreError('invalid_argument', 'That is this device: use `reelshelf sync logout` instead.', [
        { field: 'deviceId', message: 'this device' },
      ]);
    }
    try {
      await this.signedIn().revoke(deviceId);
    } catch (e) {
      throw asCoreError(e);
    }
    return this.devices();
  }

  private signedIn(): SyncApi {
    if (!this.api || !this.account) {
      throw new CoreError(
        'not_signed_in',
        'Not signed in to a sync server: run `reelshelf sync login` first.',
      );
    }
    return this.api;
  }

  /** One full sync now; if one is running, waits for it and runs another. */
  async syncNow(): Promise<SyncStatusInfo> {
    if (!this.api || !this.account) {
      throw new CoreError(
        'not_signed_in',
        'Not signed in to a sync server: run `reelshelf sync login` first.',
      );
    }
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    this.running = this.cycle().finally(() => {
      this.running = undefined;
    });
    const result = await this.running;
    if (this.again) {
      this.again = false;
      return this.syncNow();
    }
    return result;
  }

  private async cycle(): Promise<SyncStatusInfo> {
    const api = this.api!;
    const { sqlite, replica } = this.host;
    try {
      this.report('syncing', { progress: { phase: 'push', done: 0, total: replica.outboxSize() } });
      const scopes = await this.readableScopes(api);
      await this.push(api);
      await this.pull(api, scopes);
      this.failures = 0;
      this.account = { ...this.account!, lastSyncedAt: new Date().toISOString() };
      writeAccount(sqlite, this.account);
      return this.report('idle');
    } catch (e) {
      this.failures++;
      this.lastStatus = undefined;
      const retryAt = this.background ? this.scheduleRetry() : undefined;
      if (e instanceof OfflineError) return this.report('offline', { reason: e.message, retryAt });
      if (e instanceof ServerError && e.status === 401) {
        return this.report('error', {
          reason: `The server no longer accepts this device (${e.message}); sign in again.`,
        });
      }
      return this.report('error', { reason: (e as Error).message, retryAt });
    }
  }

  /** The scopes to pull; asks the server (and checks the clock) at most once a minute. */
  private async readableScopes(api: SyncApi): Promise<string[]> {
    const device = this.host.replica.clock.deviceNow;
    const t0 = device();
    // A device clock that jumped (either way) since is reason enough to ask again.
    if (this.lastStatus && Math.abs(t0 - this.lastStatus.at) < STATUS_EVERY_MS) return this.lastStatus.scopes;
    const status = await api.status();
    this.learnTime(status.serverTime, (t0 + device()) / 2);
    this.lastStatus = { at: device(), scopes: status.scopes.map((s) => s.scope) };
    return this.lastStatus.scopes;
  }

  private learnTime(serverTime: number, localMidpoint: number): void {
    const { sqlite, replica } = this.host;
    sqlite.transaction(() => {
      if (replica.clock.learnServerTime(serverTime, localMidpoint)) replica.retimeOutbox();
    })();
  }

  private async push(api: SyncApi): Promise<void> {
    const { sqlite, replica } = this.host;
    const scope = userScope(this.account!.userId);
    const total = replica.outboxSize();
    let done = 0;
    let retimed = false;
    for (;;) {
      const batch = replica.outbox(PUSH_BATCH);
      if (!batch.length) return;
      const response = await api.push(batch.map(({ seq: _seq, ...op }) => ({ ...op, scope })));
      const clockAhead = response.results.some((r) => r.reason?.startsWith('clock_ahead'));
      sqlite.transaction(() => {
        const results = new Map(response.results.map((r, i) => [r.opId ?? batch[i]!.opId, r] as const));
        replica.acknowledge(batch.filter((op) => isKept(results.get(op.opId))).map((op) => op.opId));
        replica.setAside(
          batch
            .filter((op) => results.get(op.opId)?.status === 'rejected' && !clockAhead)
            .map((op) => ({ op, reason: results.get(op.opId)!.reason ?? 'rejected' })),
        );
      })();
      if (clockAhead) {
        // The server's clock disagrees with ours by more than the bound: re-time and send again,
        // once — if the server still refuses, stop (the ops stay queued) rather than spin.
        if (retimed)
          throw new Error(
            'The server keeps refusing this device’s clock stamps; check the date and time settings.',
          );
        retimed = true;
        this.learnTime(response.serverTime, replica.clock.deviceNow());
        continue;
      }
      done += batch.length;
      this.report('syncing', { progress: { phase: 'push', done, total } });
    }
  }

  private async pull(api: SyncApi, scopes: string[]): Promise<void> {
    const { sqlite, replica } = this.host;
    const cursorOf = statement(sqlite, 'SELECT seq FROM sync_cursors WHERE scope = ?').pluck();
    const setCursor = statement(sqlite, 'INSERT OR REPLACE INTO sync_cursors (scope, seq) VALUES (?, ?)');
    let done = 0;
    let total = 0;
    for (const scope of scopes) {
      let after = (cursorOf.get(scope) as number | undefined) ?? 0;
      for (let first = true; ; first = false) {
        const page = await api.pull(scope, after, PULL_PAGE);
        // The first page says how far behind this scope is: that is the progress total.
        if (first) total += Math.max(0, page.head - after);
        let result: ApplyResult | undefined;
        sqlite.transaction(() => {
          result = replica.applyRemote(page.ops);
          setCursor.run(scope, page.last);
        })();
        after = page.last;
        done += page.ops.length;
        if (result?.changed.length) this.host.changed(result.changed);
        if (result?.produced) this.again = true; // lists put in step with a status: send that too
        this.report('syncing', { progress: { phase: 'pull', done, total: Math.max(total, done) } });
        if (!page.hasMore) break;
      }
    }
  }

  // ---- background ----

  /** Starts syncing by itself: now, on pokes, on reconnect, every minute and after local changes. */
  start(): void {
    this.background = true;
    this.timer = setInterval(() => this.schedule(0), TIMER_MS);
    this.timer.unref();
    if (this.api) this.connect();
  }

  stop(): void {
    this.background = false;
    clearInterval(this.timer);
    clearTimeout(this.due);
    this.disconnect();
  }

  /** Called after a command wrote ops. */
  localChange(): void {
    if (this.background) this.schedule(LOCAL_CHANGE_DELAY_MS);
  }

  private schedule(delayMs: number): void {
    if (!this.api || !this.background) return;
    clearTimeout(this.due);
    this.due = setTimeout(() => void this.syncNow().catch(() => undefined), delayMs);
  }

  private scheduleRetry(): string {
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1)) * (0.75 + Math.random() * 0.5);
    this.schedule(delay);
    return new Date(Date.now() + delay).toISOString();
  }

  private connect(): void {
    this.disconnect();
    const api = this.api!;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(api.server, {
      transports: ['websocket'],
      auth: (cb) => {
        api.accessToken().then(
          (token) => cb({ token }),
          () => cb({}),
        );
      },
    });
    socket.on('connect', () => this.schedule(0));
    socket.on('poke', () => this.schedule(0));
    this.socket = socket;
  }

  private disconnect(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
  }
}

const isKept = (r: PushResult | undefined) => r?.status === 'stored' || r?.status === 'duplicate';

function asCoreError(e: unknown): Error {
  if (e instanceof OfflineError) return new CoreError('offline', e.message);
  if (e instanceof ServerError) {
    if (e.status === 401) return new CoreError('unauthorized', `Sign-in refused: ${e.message}`);
    if (e.status === 409) return new CoreError('conflict', e.message);
    if (e.status === 400) return new CoreError('invalid_argument', e.message);
    if (e.status === 404) return new CoreError('not_found', e.message);
    return new CoreError('server_error', `The sync server answered ${e.status}: ${e.message}`);
  }
  return e as Error;
}
