import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAllowedNavigation, isAppUrl, isTrustedSender } from './origin';

describe('the app origin', () => {
  it('is app://reelshelf, any path', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://reelshelf/')).toBe(true);
    expect(isAppUrl('app://reelshelf/index.html#/lists?x=1')).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://reelshelf.evil/index.html',
    'app://reelshelf:8080/index.html',
    'app://user@reelshelf/index.html',
    'app://user:pw@reelshelf/',
    'https://reelshelf/index.html',
    'http://127.0.0.1:4317/',
    'file:///index.html',
    'reelshelf-art://artwork/x/poster/w342',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,hi',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('is not %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('allows navigation within the app only', () => {
    expect(isAllowedNavigation('app://reelshelf/index.html#/stats')).toBe(true);
    expect(isAllowedNavigation('https://www.themoviedb.org/')).toBe(false);
    expect(isAllowedNavigation(undefined)).toBe(false);
    expect(isAllowedNavigation(null)).toBe(false);
  });
});

describe('isTrustedSender (IPC)', () => {
  const ok = { frameUrl: APP_ENTRY_URL, topUrl: APP_ENTRY_URL, isMainFrame: true, ownWindow: true };

  it('answers the main frame of our window on the app origin', () => {
    expect(isTrustedSender(ok)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: 'app://reelshelf/index.html#/library' })).toBe(true);
    expect(isTrustedSender({ frameUrl: APP_ENTRY_URL, isMainFrame: true, ownWindow: true })).toBe(true);
  });

  it('refuses iframes, other windows, other origins and gone frames', () => {
    expect(isTrustedSender({ ...ok, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, ownWindow: false })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'app://evil/index.html' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'app://reelshelf@evil/' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'http://127.0.0.1:4317/' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'about:blank' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: undefined })).toBe(false);
    expect(isTrustedSender({ ...ok, topUrl: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ ...ok, topUrl: null })).toBe(false);
  });
});
