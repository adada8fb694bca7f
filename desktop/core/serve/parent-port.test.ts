import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { tempLibrary } from '../test-support';
import { APP_CSP, contentSecurityPolicy } from './csp';
import { callForDoor, doorError } from './door-reply';
import { serveParentPort, type ParentPort } from './parent-port';
import type { CoreProcessMessage } from './process-protocol';

/** Stands in for Electron's process.parentPort: `post` plays main, `sent` is what the core answered. */
class FakePort extends EventEmitter implements ParentPort {
  sent: CoreProcessMessage[] = [];
  private waiting: (() => void)[] = [];
  postMessage(message: CoreProcessMessage): void {
    this.sent.push(message);
    this.waiting.splice(0).forEach((wake) => wake());
  }
  post(data: unknown): void {
    this.emit('message', { data });
  }
  async next(match: (m: CoreProcessMessage) => boolean): Promise<CoreProcessMessage> {
    for (;;) {
      const found = this.sent.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}

let lib: ReturnType<typeof tempLibrary>;
let port: FakePort;
let stop: () => void;
beforeEach(() => {
  lib = tempLibrary();
  port = new FakePort();
  stop = serveParentPort(lib.core, port);
});
afterEach(() => {
  stop();
  lib.cleanup();
});

const reply = (id: number) => port.next((m) => m.type === 'reply' && m.id === id);

describe('the core as a utility process', () => {
  it('answers calls by id and forwards core events', async () => {
    port.post({
      type: 'call',
      id: 1,
      command: 'catalog.add',
      args: { kind: 'movie', title: 'Amélie', year: 2001 },
    });
    expect(await reply(1)).toMatchObject({
      type: 'reply',
      id: 1,
      reply: { ok: true, result: { title: 'Amélie' } },
    });
    expect(await port.next((m) => m.type === 'event')).toEqual({
      type: 'event',
      event: 'changed',
      payload: { entities: ['titles'] },
    });
    port.post({ type: 'call', id: 2, command: 'catalog.search', args: { text: 'amelie' } });
    expect(await reply(2)).toMatchObject({ reply: { ok: true, result: { total: 1 } } });
  });

  it('answers unknown commands and bad arguments with the WebSocket door’s errors', async () => {
    port.post({ type: 'call', id: 3, command: 'catalog.nuke', args: {} });
    expect(await reply(3)).toMatchObject({ reply: { ok: false, error: { code: 'unknown_command' } } });
    port.post({ type: 'call', id: 4, command: 'ratings.set', args: { titleId: 'x', stars: 9 } });
    expect(await reply(4)).toMatchObject({
      reply: { ok: false, error: { code: 'invalid_argument', issues: [{ field: 'stars' }] } },
    });
  });

  it('ignores messages that are not calls and stops when asked', async () => {
    port.post('hello');
    port.post({ type: 'call', id: 'x', command: 'stats.summary' });
    port.post(null);
    stop();
    port.post({ type: 'call', id: 5, command: 'stats.summary', args: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(port.sent).toEqual([]);
  });
});

describe('door replies', () => {
  it('hands a shutdown from main to the entry, once per message, and answers nothing for it', () => {
    const other = new FakePort();
    let shutdowns = 0;
    const off = serveParentPort(lib.core, other, () => shutdowns++);
    other.post({ type: 'shutdown' });
    expect(shutdowns).toBe(1);
    expect(other.sent.filter((m) => m.type === 'reply')).toEqual([]);
    off();
    other.post({ type: 'shutdown' });
    expect(shutdowns).toBe(1);
  });

  it('maps CoreErrors as they are, bad JSON to invalid_argument, anything else to internal', async () => {
    expect(doorError(new CoreError('not_found', 'No such title.'))).toEqual({
      code: 'not_found',
      message: 'No such title.',
      issues: [],
    });
    expect(doorError(new SyntaxError('Unexpected token'))).toMatchObject({ code: 'invalid_argument' });
    expect(doorError(new Error('disk full'))).toEqual({ code: 'internal', message: 'disk full', issues: [] });
    expect(doorError('weird')).toMatchObject({ code: 'internal', message: 'weird' });
    const failing = { callByName: () => Promise.reject(new Error('boom')) };
    expect(await callForDoor(failing, 'x', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom', issues: [] },
    });
  });
});

describe('content security policy', () => {
  it('is the strict app policy, and variants change only what they name', () => {
    expect(APP_CSP).toBe(
      "default-src 'self'; img-src 'self' reelshelf-art: data:; style-src 'self'; script-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy({ 'connect-src': ["'self'", 'ws://127.0.0.1:*'] })).toContain(
      "connect-src 'self' ws://127.0.0.1:*; object-src 'none'",
    );
  });
});
