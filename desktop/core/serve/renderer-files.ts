import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStaticFile, resolveStaticPath } from './static-files';

/** The built React UI (`npm run build:ui`; `npm start` and the tests build it when it is stale). */
export const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist/', import.meta.url));

/**
 * Serves GET/HEAD for the UI's files; false when the path is not one of them. The path rules
 * and the symlink-safe read are the ones Electron's app:// protocol uses (static-files.ts).
 */
export async function serveRendererFile(
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const { pathname } = new URL(req.url ?? '/', 'http://x');
  const target = resolveStaticPath(pathname, RENDERER_DIST);
  if ('notFound' in target) return false;
  const body = await readStaticFile(target.file, RENDERER_DIST);
  if (!body) {
    if (target.file !== resolve(RENDERER_DIST, 'index.html')) return false;
    res
      .writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('The app’s interface is not built yet: run `npm run build:ui` (npm start does it for you).');
    return true;
  }
  // Vite names assets by content hash, so they never change under the same name.
  const caching = pathname.startsWith('/assets/')
    ? { 'Cache-Control': 'public, max-age=31536000, immutable' }
    : {};
  res.writeHead(200, { ...headers, ...caching, 'Content-Type': target.contentType });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
