/**
 * `app://reelshelf/<path>` → a file of the built renderer (desktop/renderer/dist). The
 * resolution is a pure function; `serveAppRequest` reads the file and answers with the
 * app's Content-Security-Policy on every response, 404 included. No Electron import.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { APP_CSP } from '../core/serve/csp';
import { APP_HOST, APP_SCHEME } from './origin';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export type AppPath = { file: string; contentType: string } | { notFound: string };

/**
 * Which file under `root` an app:// URL names. Refused (notFound): another scheme or host,
 * user info or a port, a query-free path that does not decode, `..` or `.`-files in any
 * segment (also when percent-encoded), backslashes, NUL, and file types not in CONTENT_TYPES.
 * `/` is index.html.
 */
export function resolveAppPath(url: string, root: string): AppPath {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { notFound: 'not a URL' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) {
    return { notFound: 'not the app origin' };
  }
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return { notFound: 'bad percent-encoding' };
  }
  if (path === '' || path === '/') path = '/index.html';
  if (!path.startsWith('/') || path.includes('\\') || path.includes('\0')) return { notFound: 'bad path' };
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '' || s.startsWith('.') || s.includes(':'))) return { notFound: 'bad path' };
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (!contentType) return { notFound: 'unknown file type' };
  const base = resolve(root);
  const file = join(base, ...segments);
  if (!file.startsWith(base + sep)) return { notFound: 'outside the renderer folder' };
  return { file, contentType };
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Answers one app:// request from the renderer folder `root`. */
export async function serveAppRequest(
  request: { url: string; method: string },
  root: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...APP_RESPONSE_HEADERS, Allow: 'GET, HEAD' },
    });
  }
  const target = resolveAppPath(request.url, root);
  if ('notFound' in target) return notFound();
  try {
    // A symlink inside the folder must not lead out of it.
    const [real, realRoot] = await Promise.all([realpath(target.file), realpath(root)]);
    if (!real.startsWith(realRoot + sep)) return notFound();
    const body = await readFile(real);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': target.contentType },
    });
  } catch {
    return notFound(); // missing, a folder, unreadable
  }
}
