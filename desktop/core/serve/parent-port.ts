/**
 * The core's door when it runs as Electron's utility process: main posts
 * `{type:'call', id, command, args}` and gets `{type:'reply', id, reply}`; every core event
 * is forwarded as `{type:'event', event, payload}`. Replies are mapped exactly like the
 * WebSocket door's (door-reply.ts).
 */
import type { CoreEvents } from '@reelshelf/shared/contracts';
import type { Core } from '../core';
import { CORE_EVENT_NAMES } from '../../../shared/contracts/command-names';
import { callForDoor } from './door-reply';
import type { CoreCallMessage, CoreProcessMessage, CoreShutdownMessage } from './process-protocol';

/** The part of Electron's `process.parentPort` this uses. */
export interface ParentPort {
  postMessage(message: CoreProcessMessage): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off?(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

function isCall(data: unknown): data is CoreCallMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return m.type === 'call' && Number.isSafeInteger(m.id) && typeof m.command === 'string';
}

/**
 * Answers calls from main and forwards events; `onShutdown` runs when main says the app is
 * quitting. Returns the function that stops both.
 */
export function serveParentPort(
  core: Pick<Core, 'callByName' | 'on'>,
  port: ParentPort,
  onShutdown: () => void = () => undefined,
): () => void {
  const onMessage = ({ data }: { data: unknown }) => {
    if ((data as Partial<CoreShutdownMessage> | null)?.type === 'shutdown') return onShutdown();
    if (!isCall(data)) return; // only main can post here; anything else is a bug, not an attack
    void callForDoor(core, data.command, data.args).then((reply) =>
      port.postMessage({ type: 'reply', id: data.id, reply }),
    );
  };
  port.on('message', onMessage);
  const forward = <E extends keyof CoreEvents>(event: E) =>
    core.on(event, (payload) => port.postMessage({ type: 'event', event, payload } as CoreProcessMessage));
  const unsubscribe = CORE_EVENT_NAMES.map((event) => forward(event));
  return () => {
    port.off?.('message', onMessage);
    unsubscribe.forEach((off) => off());
  };
}
