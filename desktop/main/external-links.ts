/**
 * What `shell.openExternal` may open: https links to a few known sites, nothing else —
 * no other scheme (javascript:, file:, smb:, custom protocol handlers), no user info, no
 * port, no lookalike hosts (the URL parser turns IDN into punycode, which is not on the list).
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'themoviedb.org',
  'www.themoviedb.org',
  'www.imdb.com',
  'letterboxd.com',
  'trakt.tv',
  'github.com',
]);

/** The project page Help ▸ opens. */
export const PROJECT_PAGE = 'https://github.com/reelshelf/reelshelf';

/** The normalised URL to hand to the system browser, or undefined when it must not be opened. */
export function safeExternalUrl(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2048) return undefined;
  // Control characters and whitespace are stripped by the URL parser; refuse them instead of guessing.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(input)) return undefined;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  if (!EXTERNAL_HOSTS.has(url.hostname)) return undefined;
  return url.href;
}
