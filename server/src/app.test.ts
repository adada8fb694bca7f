import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userScope, type ErrorBody, type Session } from '@reelshelf/shared/sync';
import { createSyncServer, type SyncServer } from './app.ts';
import { ConfigError, loadConfig, SECRET_FILE } from './config.ts';
import { createLogger } from './log.ts';
import { call, makeOp, PASSWORD } from './testing/harness.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'reelshelf-app-'));

/** The server with its log lines captured, to check what gets logged. */
let server: SyncServer;
const lines: Record<string, unknown>[] = [];
let raw = '';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ data: tmp(), port: 0 }, {});
  server = await createSyncServer(config, { logger: createLogger('info', sink) });
});
afterAll(() => server.close());

describe('HTTP edges', () => {
  it('answers /healthz without a token', async () => {
    const res = await call(server.url, 'GET', '/healthz');
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('sends security headers and no x-powered-by', async () => {
    const res = await call(server.url, 'GET', '/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers an unknown route with a 404 error body', async () => {
    const res = await call<ErrorBody>(server.url, 'POST', '/v1/nothing-here', { body: {} });
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'no route for POST /v1/nothing-here' });
  });

  it('refuses a body over 4 MB with 413 and our error body, before it reaches auth or the handler', async () => {
    const res = await call<ErrorBody>(server.url, 'POST', '/v1/auth/register', {
      rawBody: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(5 * 1024 * 1024), deviceName: 'x' }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('logs one JSON line per request with method, route, status and duration, and no secrets', async () => {
    const reg = await call<Session>(server.url, 'POST', '/v1/auth/register', {
      body: { email: 'logs@example.org', password: PASSWORD, deviceName: 'laptop' },
    });
    const session = reg.body;
    await call(server.url, 'POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    await call(server.url, 'DELETE', `/v1/devices/${session.deviceId}`, { token: session.accessToken });
    await call(server.url, 'GET', `/v1/sync/pull?scope=${userScope(session.userId)}`, {
      token: session.accessToken,
    });
    await call(server.url, 'POST', '/v1/sync/push', {
      token: 'not.a.token',
      body: { ops: [makeOp(userScope(session.userId))] },
    });

    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toContainEqual(
      expect.objectContaining({ method: 'POST', route: '/v1/auth/register', status: 201 }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({ method: 'DELETE', route: '/v1/devices/:id', status: 204 }),
    );
    expect(requests).toContainEqual(expect.objectContaining({ method: 'GET', status: 401 }));
    for (const r of requests) expect(r.durationMs).toEqual(expect.any(Number));
    for (const secret of [
      PASSWORD,
      session.accessToken,
      session.refreshToken,
      'not.a.token',
      session.deviceId,
    ])
      expect(raw).not.toContain(secret);
  });
});

describe('config', () => {
  it('makes a secret once, keeps it in <data>/secret with mode 0600, and reads it back', () => {
    const data = join(tmp(), 'nested', 'data');
    const first = loadConfig({ data }, {});
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(data, SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadConfig({ data }, {}).secret).toBe(first.secret);
    expect(readFileSync(join(data, SECRET_FILE), 'utf8')).toBe(first.secret);
  });

  it('takes flags over environment variables over defaults', () => {
    const data = tmp();
    const env = {
      REELSHELF_PORT: '9000',
      REELSHELF_DATA: data,
      REELSHELF_ACCESS_TTL: '60',
      REELSHELF_SECRET: 's'.repeat(40),
    };
    const fromEnv = loadConfig({}, env);
    expect(fromEnv).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: data,
      accessTokenTtlSeconds: 60,
      authRateLimitPerMinute: 20,
      secret: 's'.repeat(40),
    });
    expect(loadConfig({ port: '0' }, env).port).toBe(0);
    expect(loadConfig({}, { REELSHELF_DATA: data }).accessTokenTtlSeconds).toBe(900);
  });

  it('names every bad setting with its flag and variable', () => {
    const attempt = () =>
      loadConfig(
        { data: tmp(), port: 'eighty', secret: 'short', logLevel: 'loud' },
        { REELSHELF_ACCESS_TTL: '0' },
      );
    expect(attempt).toThrow(ConfigError);
    let message = '';
    try {
      attempt();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('port (--port or REELSHELF_PORT): expected a port number');
    expect(message).toContain(
      'secret (--secret or REELSHELF_SECRET): the secret needs at least 32 characters',
    );
    expect(message).toContain('accessTtl (--access-ttl or REELSHELF_ACCESS_TTL)');
    expect(message).toContain('logLevel (--log-level or REELSHELF_LOG_LEVEL)');
  });

  it('refuses a secret file that is too short rather than signing with it', () => {
    const data = tmp();
    writeFileSync(join(data, SECRET_FILE), 'tiny', { mode: 0o600 });
    expect(() => loadConfig({ data }, {})).toThrow(/fewer than 32 characters/);
  });
});
