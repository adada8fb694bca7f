/**
 * Main's half of the IPC path: page → preload → `invoke('core:call', command, args)` →
 * here → the core's utility process → back. Pure: it is given how to post to the core and
 * how to broadcast an event, so vitest can drive it without Electron.
 */
import type { BridgeReply } from '../../shared/contracts/bridge';
import type { CoreEvents } from '../../shared/contracts/commands';
import { isCommandName } from '../../shared/contracts/command-names';
import type { CoreErrorCode } from '../../shared/contracts/errors';
import type { CoreCallMessage, CoreProcessMessage } from '../core/serve/process-protocol';

export type CoreEventMessage = {
  [E in keyof CoreEvents]: { event: E; payload: CoreEvents[E] };
}[keyof CoreEvents];

export interface CoreRelay {
  /** Forwards a checked call; never rejects. */
  call(command: unknown, args: unknown): Promise<BridgeReply>;
  /** Feed every message from the utility process here. */
  receive(message: CoreProcessMessage): void;
  /** The core stopped: every waiting call is answered with an error, later calls too. */
  stop(reason: string): void;
}

const failure = (code: CoreErrorCode, message: string): BridgeReply => ({
  ok: false,
  error: { code, message, issues: [] },
});

export function createCoreRelay(
  post: (message: CoreCallMessage) => void,
  broadcast: (message: CoreEventMessage) => void,
): CoreRelay {
  let nextId = 1;
  let stopped: string | undefined;
  const waiting = new Map<number, (reply: BridgeReply) => void>();
  return {
    call(command, args) {
      if (!isCommandName(command)) {
        return Promise.resolve(failure('unknown_command', `There is no command ${JSON.stringify(command)}.`));
      }
      if (stopped) return Promise.resolve(failure('internal', stopped));
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        try {
          post({ type: 'call', id, command, args });
        } catch (e) {
          waiting.delete(id);
          resolve(failure('internal', e instanceof Error ? e.message : String(e)));
        }
      });
    },
    receive(message) {
      if (message.type === 'reply') {
        const resolve = waiting.get(message.id);
        waiting.delete(message.id);
        resolve?.(message.reply);
      } else if (message.type === 'event') {
        broadcast({ event: message.event, payload: message.payload } as CoreEventMessage);
      }
    },
    stop(reason) {
      stopped = reason;
      for (const resolve of waiting.values()) resolve(failure('internal', reason));
      waiting.clear();
    },
  };
}
