import { describe, expect, it } from 'vitest';
import type { CoreCallMessage } from '../core/serve/process-protocol';
import { createCoreRelay, type CoreEventMessage } from './core-relay';

function setup() {
  const posted: CoreCallMessage[] = [];
  const broadcast: CoreEventMessage[] = [];
  const relay = createCoreRelay(
    (m) => posted.push(m),
    (m) => broadcast.push(m),
  );
  return { relay, posted, broadcast };
}

describe('the core relay (main ↔ utility process)', () => {
  it('forwards known commands with fresh ids and resolves each with its own reply', async () => {
    const { relay, posted } = setup();
    const first = relay.call('catalog.search', { text: 'matrix' });
    const second = relay.call('stats.summary', undefined);
    expect(posted).toEqual([
      { type: 'call', id: 1, command: 'catalog.search', args: { text: 'matrix' } },
      { type: 'call', id: 2, command: 'stats.summary', args: undefined },
    ]);
    relay.receive({ type: 'reply', id: 2, reply: { ok: true, result: 'stats' } });
    relay.receive({
      type: 'reply',
      id: 1,
      reply: { ok: false, error: { code: 'not_found', message: 'x', issues: [] } },
    });
    relay.receive({ type: 'reply', id: 99, reply: { ok: true, result: 'nobody asked' } });
    expect(await second).toEqual({ ok: true, result: 'stats' });
    expect(await first).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers unknown command names itself, without bothering the core', async () => {
    const { relay, posted } = setup();
    for (const name of [
      'catalog.nuke',
      '__proto__',
      'constructor',
      42,
      null,
      { toString: () => 'catalog.get' },
    ]) {
      expect(await relay.call(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
    expect(posted).toEqual([]);
  });

  it('broadcasts core events', () => {
    const { relay, broadcast } = setup();
    relay.receive({ type: 'event', event: 'changed', payload: { entities: ['titles'] } });
    relay.receive({ type: 'event', event: 'progress', payload: { task: 'import', done: 1, total: 2 } });
    expect(broadcast).toEqual([
      { event: 'changed', payload: { entities: ['titles'] } },
      { event: 'progress', payload: { task: 'import', done: 1, total: 2 } },
    ]);
  });

  it('answers waiting and later calls with an error once the core has stopped', async () => {
    const { relay, posted } = setup();
    const waiting = relay.call('sync.now', {});
    relay.stop('The core stopped (exit code 1).');
    expect(await waiting).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The core stopped (exit code 1).', issues: [] },
    });
    expect(await relay.call('sync.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(posted).toHaveLength(1);
  });

  it('answers with an error when posting fails', async () => {
    const relay = createCoreRelay(
      () => {
        throw new Error('could not be cloned');
      },
      () => undefined,
    );
    expect(await relay.call('catalog.get', { id: () => 1 })).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'could not be cloned' },
    });
  });
});
