import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built React UI (`npm run build:ui`; `npm start` and the tests build it when it is stale). */
export const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves GET/HEAD for the UI's files; false when the path is not one of them. Only files under
 * dist/ with a known type are served; `..` and encoded separators never leave the folder.
 */
export async function serveRendererFile(
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return false;
  }
  if (pathname === '/') pathname = '/index.html';
  const file = normalize(join(RENDERER_DIST, pathname));
  const type = TYPES[extname(file)];
  if (!file.startsWith(RENDERER_DIST) || pathname.includes('\0') || !type || file.endsWith(sep)) return false;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (pathname !== '/index.html') return false;
    res
      .writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('The app’s interface is not built yet: run `npm run build:ui` (npm start does it for you).');
    return true;
  }
  // Vite names assets by content hash, so they never change under the same name.
  const caching = pathname.startsWith('/assets/')
    ? { 'Cache-Control': 'public, max-age=31536000, immutable' }
    : {};
  res.writeHead(200, { ...headers, ...caching, 'Content-Type': type });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
