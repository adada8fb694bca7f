import { request as request_ } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempLibrary } from '../test-support';
import { startServer, type RunningServer } from './server';

let lib: ReturnType<typeof tempLibrary>;
let server: RunningServer;
beforeEach(async () => {
  lib = tempLibrary();
  server = await startServer(lib.core, { port: 0 });
});
afterEach(async () => {
  await server.close();
  lib.cleanup();
});

const origin = () => `http://127.0.0.1:${server.port}`;

function connect(headers: Record<string, string> = { Origin: origin() }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/door`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function nextMessage(
  ws: WebSocket,
  match: (m: Record<string, unknown>) => boolean = () => true,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      if (!match(m)) return;
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
  });
}

async function request(ws: WebSocket, id: number, command: string, args: unknown) {
  const reply = nextMessage(ws, (m) => m.id === id);
  ws.send(JSON.stringify({ id, command, args }));
  return reply;
}

describe('browser mode door', () => {
  it('serves the built interface on 127.0.0.1 with a strict content security policy, and nothing outside it', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await res.text();
    expect(page).toContain('<div id="root">');
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    const asset = await fetch(`${origin()}${script}`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${origin()}/secrets`)).status).toBe(404);
    expect((await fetch(`${origin()}/assets/..%2f..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${origin()}/../../package.json`)).status).toBe(404);
  });

  it('runs commands over the WebSocket and pushes change events', async () => {
    const ws = await connect();
    const changed = nextMessage(ws, (m) => m.event === 'changed');
    const added = await request(ws, 1, 'catalog.add', { kind: 'movie', title: 'Amélie', year: 2001 });
    expect(added).toMatchObject({ id: 1, ok: true, result: { title: 'Amélie' } });
    expect(await changed).toEqual({ event: 'changed', payload: { entities: ['titles'] } });
    const found = await request(ws, 2, 'catalog.search', { text: 'amelie' });
    expect(found).toMatchObject({ ok: true, result: { total: 1 } });
    ws.close();
  });

  it('answers unknown commands, bad arguments and garbage with typed errors', async () => {
    const ws = await connect();
    expect(await request(ws, 3, 'catalog.nuke', {})).toMatchObject({
      id: 3,
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(await request(ws, 4, 'ratings.set', { titleId: 'x', stars: 9 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', issues: [{ field: 'stars' }] },
    });
    const garbage = nextMessage(ws);
    ws.send('not json');
    expect(await garbage).toMatchObject({ id: -1, ok: false, error: { code: 'invalid_argument' } });
    ws.close();
  });

  it('refuses WebSockets from other origins and other host names', async () => {
    await expect(connect({ Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({})).rejects.toThrow('HTTP 403');
    await expect(connect({ Origin: origin(), Host: `rebind.example:${server.port}` })).rejects.toThrow(
      'HTTP 403',
    );
    // fetch() may not set Host, so speak plain HTTP to show a rebound name is turned away.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      request_(`${origin()}/`, { headers: { Host: 'rebind.example' } }, (res) => resolve(res.statusCode))
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(421);
  });
});
