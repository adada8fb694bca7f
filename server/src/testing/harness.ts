/** Shared by the server's tests: a real server on port 0 over a real data folder, and a small client. */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import {
  formatHlc,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type Session,
  type SyncOp,
} from '@reelshelf/shared/sync';
import { createSyncServer, type SyncServer } from '../app.ts';
import { loadConfig, type ConfigInput } from '../config.ts';
import { DB_FILE } from '../store/open.ts';

export interface TestServer extends SyncServer {
  dataDir: string;
  /** A second, read-only connection to the server's database file, for checking what was written. */
  read<T>(sql: string, ...params: unknown[]): T[];
}

export async function startTestServer(flags: ConfigInput = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reelshelf-sync-'));
  const config = loadConfig(
    { data: dataDir, port: 0, logLevel: 'silent', authRateLimit: 1_000, ...flags },
    {},
  );
  const server = await createSyncServer(config);
  return {
    ...server,
    dataDir,
    read<T>(sql: string, ...params: unknown[]) {
      const db = new Database(join(dataDir, DB_FILE), { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.rawBody ?? JSON.stringify(options.body);
  }
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export const PASSWORD = 'correct horse battery';

export async function register(url: string, email = `${randomUUID()}@example.org`, deviceName = 'laptop') {
  const res = await call<Session>(url, 'POST', '/v1/auth/register', {
    body: { email, password: PASSWORD, deviceName },
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, email };
}

export async function login(url: string, email: string, deviceName = 'phone') {
  const res = await call<Session>(url, 'POST', '/v1/auth/login', {
    body: { email, password: PASSWORD, deviceName },
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const NODE = '0123456789abcdef';

/** A valid op (a title's year) in `scope`; override any part, including with wrong types (to test refusals). */
export function makeOp(scope: string, overrides: Record<string, unknown> = {}): SyncOp {
  return {
    opId: randomUUID(),
    hlc: formatHlc({ ms: Date.now(), counter: 0, node: NODE }),
    scope,
    entity: 'title',
    rowId: randomUUID(),
    field: 'year',
    value: 1999,
    ...overrides,
  } as SyncOp;
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects a real socket.io-client; resolves once connected, rejects with the server's refusal. */
export function connect(url: string, token?: string): Promise<ClientSocket> {
  const socket: ClientSocket = connectSocket(url, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Collects every poke a socket receives. */
export function pokes(socket: ClientSocket): { scope: string; seq: number }[] {
  const seen: { scope: string; seq: number }[] = [];
  socket.on('poke', (p) => seen.push(p));
  return seen;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until check() passes or the time is up (then throws its last failure). */
export async function eventually(check: () => void, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await sleep(20);
    }
  }
}
