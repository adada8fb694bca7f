import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../core/serve/csp';
import { resolveAppPath, serveAppRequest } from './app-protocol';

const root = '/srv/renderer/dist';

describe('resolveAppPath', () => {
  it('maps app://reelshelf paths to files under the renderer folder with their content type', () => {
    expect(resolveAppPath('app://reelshelf/', root)).toEqual({
      file: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppPath('app://reelshelf', root)).toMatchObject({ file: join(root, 'index.html') });
    expect(resolveAppPath('app://reelshelf/index.html?x=1#/lists', root)).toMatchObject({
      file: join(root, 'index.html'),
    });
    expect(resolveAppPath('app://reelshelf/assets/index-Ab12.js', root)).toEqual({
      file: join(root, 'assets', 'index-Ab12.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppPath('app://reelshelf/assets/index.CSS', root)).toMatchObject({
      contentType: 'text/css; charset=utf-8',
    });
    expect(resolveAppPath('app://reelshelf/assets/inter.woff2', root)).toMatchObject({
      contentType: 'font/woff2',
    });
    expect(resolveAppPath('app://reelshelf/icons/logo.svg', root)).toMatchObject({
      contentType: 'image/svg+xml',
    });
    expect(resolveAppPath('app://reelshelf/fonts/My%20Font.woff', root)).toMatchObject({
      file: join(root, 'fonts', 'My Font.woff'),
    });
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'https://reelshelf/index.html'],
    ['user info', 'app://x@reelshelf/index.html'],
    ['a port', 'app://reelshelf:1/index.html'],
    ['encoded slashes', 'app://reelshelf/..%2F..%2Fetc%2Fpasswd.txt'],
    ['backslashes', 'app://reelshelf/..%5C..%5Csecret.json'],
    ['NUL', 'app://reelshelf/index.html%00.png'],
    ['a dotfile', 'app://reelshelf/.env.json'],
    ['a hidden folder', 'app://reelshelf/.vite/manifest.json'],
    ['a Windows drive', 'app://reelshelf/C:/Windows/win.ini.txt'],
    ['an empty segment', 'app://reelshelf//etc/passwd.txt'],
    ['a folder', 'app://reelshelf/assets/'],
    ['an unknown type', 'app://reelshelf/library.db'],
    ['no extension', 'app://reelshelf/library'],
    ['bad percent-encoding', 'app://reelshelf/%E0%A4%A.js'],
    ['not a URL', 'nonsense'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppPath(url, root)).toHaveProperty('notFound');
  });

  it('resolves dot segments (also percent-encoded) like the URL parser, never above the folder', () => {
    expect(resolveAppPath('app://reelshelf/%2e%2e/%2e%2e/etc/passwd.txt', root)).toMatchObject({
      file: join(root, 'etc', 'passwd.txt'),
    });
    expect(resolveAppPath('app://reelshelf/assets/.%2e/.%2e/secret.json', root)).toMatchObject({
      file: join(root, 'secret.json'),
    });
  });

  it('never resolves outside the folder, whatever the path', () => {
    for (const path of ['../x.js', 'a/../../x.js', '%2e%2e/x.js', 'a/%2e%2e/%2e%2e/x.js', '..%2fx.js']) {
      const target = resolveAppPath(`app://reelshelf/${path}`, root);
      if ('file' in target) expect(target.file.startsWith(`${root}/`)).toBe(true);
    }
  });
});

describe('serveAppRequest', () => {
  let dir: string;
  let dist: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reelshelf-app-'));
    dist = join(dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Reelshelf</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.json'), '{"token":"x"}');
    symlinkSync(join(dir, 'secret.json'), join(dist, 'assets', 'link.json'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (path: string, method = 'GET') =>
    serveAppRequest({ url: `app://reelshelf${path}`, method }, dist);

  it('serves files with their type and the strict CSP', async () => {
    const page = await get('/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Reelshelf</title>');
    const script = await get('/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 with the CSP for missing files, escapes and symlinks out of the folder', async () => {
    for (const path of [
      '/missing.js',
      '/../secret.json',
      '/%2e%2e/secret.json',
      '/assets/link.json',
      '/assets',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    }
  });

  it('refuses other methods', async () => {
    expect((await get('/index.html', 'POST')).status).toBe(405);
  });
});
