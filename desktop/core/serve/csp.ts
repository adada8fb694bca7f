/**
 * The Content-Security-Policy of the app's pages, in one place: Electron's app:// protocol
 * and browser mode (server.ts) send the same one — 'self' covers browser mode's WebSocket
 * door on the page's own origin.
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const APP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'img-src': ["'self'", 'reelshelf-art:', 'data:'],
  'style-src': ["'self'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function contentSecurityPolicy(overrides: CspDirectives = {}): string {
  return Object.entries({ ...APP_CSP_DIRECTIVES, ...overrides })
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** default-src 'self'; img-src 'self' reelshelf-art: data:; style-src 'self'; … frame-ancestors 'none' */
export const APP_CSP = contentSecurityPolicy();
