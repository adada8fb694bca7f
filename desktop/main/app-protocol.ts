/**
 * `app://reelshelf/<path>` → a file of the built renderer (desktop/renderer/dist). The
 * resolution is a pure function; `serveAppRequest` reads the file and answers with the
 * app's Content-Security-Policy on every response, 404 included. No Electron import.
 */
import { APP_CSP } from '../core/serve/csp';
import { readStaticFile, resolveStaticPath, type StaticPath } from '../core/serve/static-files';
import { APP_HOST, APP_SCHEME } from './origin';

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export type AppPath = StaticPath;

/**
 * Which file under `root` an app:// URL names: another scheme or host, user info or a port
 * are refused here, the path by the rules both doors share (resolveStaticPath).
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
  return resolveStaticPath(u.pathname, root);
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
  const body = await readStaticFile(target.file, root);
  if (!body) return notFound(); // missing, a folder, unreadable, or a symlink out of the folder
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': target.contentType },
  });
}
