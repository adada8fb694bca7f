/**
 * The built renderer's files, for both doors that serve them: browser mode's HTTP server
 * (renderer-files.ts) and Electron's app:// protocol (desktop/main/app-protocol.ts). Pure
 * path rules plus one symlink-safe read; no import.meta, so Electron's CJS bundle can use it.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

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

export type StaticPath = { file: string; contentType: string } | { notFound: string };

/**
 * Which file under `root` a URL path (still percent-encoded) names. Refused (notFound): a
 * path that does not decode, `..` or `.`-files in any segment (also when percent-encoded),
 * backslashes, NUL, colons, and file types not in CONTENT_TYPES. `/` is index.html.
 */
export function resolveStaticPath(pathname: string, root: string): StaticPath {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
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

/** The file's bytes; undefined when it is missing, a folder, unreadable, or a symlink out of `root`. */
export async function readStaticFile(
  file: string,
  root: string,
): Promise<Awaited<ReturnType<typeof readFile>> | undefined> {
  try {
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!real.startsWith(realRoot + sep)) return undefined;
    return await readFile(real);
  } catch {
    return undefined;
  }
}
