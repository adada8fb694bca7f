import { describe, expect, it } from 'vitest';
import { PROJECT_PAGE, safeExternalUrl } from './external-links';

describe('safeExternalUrl (what shell.openExternal may open)', () => {
  it('opens https links to the allowed sites, normalised', () => {
    expect(safeExternalUrl('https://www.themoviedb.org/movie/603')).toBe(
      'https://www.themoviedb.org/movie/603',
    );
    expect(safeExternalUrl('https://themoviedb.org/tv/1399?language=de')).toBe(
      'https://themoviedb.org/tv/1399?language=de',
    );
    expect(safeExternalUrl('https://www.imdb.com/title/tt0133093/')).toBe(
      'https://www.imdb.com/title/tt0133093/',
    );
    expect(safeExternalUrl('https://letterboxd.com/film/the-matrix/')).toBe(
      'https://letterboxd.com/film/the-matrix/',
    );
    expect(safeExternalUrl('https://trakt.tv/movies/the-matrix-1999')).toBe(
      'https://trakt.tv/movies/the-matrix-1999',
    );
    expect(safeExternalUrl('HTTPS://GitHub.COM/x')).toBe('https://github.com/x');
    expect(safeExternalUrl('https://github.com:443/x')).toBe('https://github.com/x');
    expect(safeExternalUrl(PROJECT_PAGE)).toBe(PROJECT_PAGE);
  });

  it('hands over the parsed URL, never the input: fullwidth letters are github.com itself', () => {
    expect(safeExternalUrl('https://ｇｉｔｈｕｂ.com/x')).toBe('https://github.com/x');
  });

  it.each([
    ['plain http', 'http://www.imdb.com/title/tt0133093/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: that mentions a host', 'javascript://github.com/%0Aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: on a host', 'file://github.com/etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['smb share', 'smb://github.com/share'],
    ['userinfo before the real host', 'https://github.com@evil.example/'],
    ['userinfo with a password', 'https://github.com:pw@evil.example/'],
    ['userinfo on an allowed host', 'https://user@github.com/'],
    ['an allowed name as a subdomain', 'https://github.com.evil.example/'],
    ['an allowed name as a suffix', 'https://evilgithub.com/'],
    ['a subdomain not on the list', 'https://gist.github.com/'],
    ['imdb without www', 'https://imdb.com/'],
    ['a trailing dot', 'https://github.com./'],
    ['a Cyrillic lookalike (IDN)', 'https://gіthub.com/'],
    ['a punycode lookalike', 'https://xn--gthub-n4a.com/'],
    ['a fragment hiding the host', 'https://evil.example#@github.com'],
    ['a backslash trick', 'https://github.com\\@evil.example/'],
    ['a port', 'https://letterboxd.com:8443/'],
    ['an IP address', 'https://140.82.112.3/'],
    ['leading whitespace', ' https://github.com/'],
    ['an embedded newline', 'https://github.com/\nfoo'],
    ['a relative URL', '/movie/603'],
    ['protocol-relative', '//github.com/'],
    ['empty', ''],
  ])('refuses %s', (_why, url) => {
    expect(safeExternalUrl(url)).toBeUndefined();
  });

  it('refuses what is not a string, and very long URLs', () => {
    expect(safeExternalUrl(undefined)).toBeUndefined();
    expect(safeExternalUrl({ href: 'https://github.com/' })).toBeUndefined();
    expect(safeExternalUrl(`https://github.com/${'a'.repeat(3000)}`)).toBeUndefined();
  });
});
