import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CoreError,
  DoorRequest,
  type CoreEvents,
  type DoorEvent,
  type DoorReply,
} from '@reelshelf/shared/contracts';
import type { Core } from '../core';
import type { ArtworkStore } from '../artwork';
import { artworkHttpHandler } from '../artwork/serve';
import { openArtworkStore, titleArtworkSource } from './artwork-door';
import { serveRendererFile } from './renderer-files';
import { APP_CSP } from './csp';
import { doorError } from './door-reply';
import { MAX_UPLOAD_BASE64 } from '@reelshelf/shared/contracts/limits';

/** The largest WebSocket message the door takes: an `import.upload` of MAX_UPLOAD_BYTES, base64, and its envelope. */
export const MAX_DOOR_MESSAGE_BYTES = MAX_UPLOAD_BASE64 + 1024 * 1024;

export interface ServeOptions {
  port?: number;
  /** The artwork cache; by default `artwork/` beside the library file. */
  artwork?: ArtworkStore;
  /** Where TMDb's images are (tests point it at a local server). */
  tmdbImages?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  // The same policy as Electron's app:// pages; 'self' covers the WebSocket door on this origin.
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Browser mode: core + page + WebSocket door, bound to 127.0.0.1 only. Requests must come
 * from our own origin (a web page elsewhere cannot drive the core through the user's
 * browser) and name our host (defeats DNS rebinding).
 */
export async function startServer(core: Core, options: ServeOptions = {}): Promise<RunningServer> {
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const hostOk = (req: IncomingMessage) => allowedHosts().includes(req.headers.host ?? '');
  const originOk = (req: IncomingMessage) => allowedHosts().some((h) => req.headers.origin === `http://${h}`);

  const artwork = options.artwork ?? openArtworkStore(core);
  const serveArtwork = artworkHttpHandler({
    store: artwork,
    resolveSource: titleArtworkSource(core, options.tmdbImages),
  });

  const http = createServer((req, res) => void serveFile(req, res));
  async function serveFile(req: IncomingMessage, res: ServerResponse) {
    if (!hostOk(req)) return void res.writeHead(421).end('Misdirected request');
    if (await serveArtwork(req, res)) return;
    if (!(await serveRendererFile(req, res, SECURITY_HEADERS)))
      res.writeHead(404, SECURITY_HEADERS).end('Not found');
  }

  // 65 MiB: import.upload carries a file of up to 48 MiB as base64 (64 MiB of text) plus its envelope.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_DOOR_MESSAGE_BYTES });
  http.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/door' || !hostOk(req) || !originOk(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data) => void answer(ws, data.toString()));
  });

  async function answer(ws: WebSocket, text: string) {
    let id = -1;
    let reply: DoorReply;
    try {
      const request = DoorRequest.safeParse(JSON.parse(text));
      if (!request.success) throw new CoreError('invalid_argument', 'A request is {id, command, args}.');
      id = request.data.id;
      reply = { id, ok: true, result: await core.callByName(request.data.command, request.data.args) };
    } catch (e) {
      reply = { id, ok: false, error: doorError(e) };
    }
    ws.send(JSON.stringify(reply));
  }

  const broadcast = <E extends keyof CoreEvents>(event: E) =>
    core.on(event, (payload) => {
      const message = JSON.stringify({ event, payload } as DoorEvent);
      for (const client of wss.clients) client.send(message);
    });
  const unsubscribe = [broadcast('changed'), broadcast('progress'), broadcast('metadata'), broadcast('sync')];

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  // Build the search's in-memory facets now, while the window loads the page, rather than on
  // the library's first query (≈0.4 s at 100,000 titles).
  setImmediate(() => void core.call('catalog.search', { limit: 1 }).catch(() => undefined));

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe.forEach((off) => off());
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => {
          if (!options.artwork) artwork.close();
          resolve();
        });
        http.closeAllConnections();
      }),
  };
}
