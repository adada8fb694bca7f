import { CoreError, type SerializedCoreError } from '@reelshelf/shared/contracts/errors';
import type { CoreEvents, DoorEvent, DoorReply } from '@reelshelf/shared/contracts';
import { Listeners, type ConnectionState, type CoreClient } from './client';

interface Pending {
  resolve(value: unknown): void;
  reject(error: CoreError): void;
}

/**
 * Browser mode: the core's WebSocket door on the page's own origin. Requests made while the
 * socket is down wait for it; the socket reconnects with backoff after the core restarts,
 * and requests that were in flight when it dropped fail with an 'offline' CoreError.
 */
export function createWebSocketClient(url = doorUrl()): CoreClient {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = 250;
  let connection: ConnectionState = 'connecting';
  const pending = new Map<number, Pending>();
  const waiting: string[] = [];
  const events = new Map<string, Listeners<unknown>>();
  const connectionListeners = new Listeners<ConnectionState>();

  const setConnection = (state: ConnectionState) => {
    connection = state;
    connectionListeners.emit(state);
  };

  function connect() {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retryMs = 250;
      setConnection('open');
      for (const message of waiting.splice(0)) socket!.send(message);
    });
    socket.addEventListener('message', (message) => receive(String(message.data)));
    socket.addEventListener('close', () => {
      setConnection('closed');
      // A refused call must never run later: drop the unsent ones along with the sent ones.
      waiting.length = 0;
      for (const [id, request] of pending) {
        pending.delete(id);
        request.reject(new CoreError('offline', 'The connection to the Reelshelf core was lost.'));
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    });
  }

  function receive(text: string) {
    const message = JSON.parse(text) as DoorReply | DoorEvent;
    if ('event' in message) {
      events.get(message.event)?.emit(message.payload);
      return;
    }
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    if (message.ok) request.resolve(message.result);
    else request.reject(CoreError.fromJSON(message.error as SerializedCoreError));
  }

  connect();

  return {
    get connection() {
      return connection;
    },
    call(command, args) {
      const id = nextId++;
      const text = JSON.stringify({ id, command, args: args ?? {} });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else waiting.push(text);
      });
    },
    on(event, listener) {
      if (!events.has(event)) events.set(event, new Listeners());
      return events.get(event)!.add(listener as (value: unknown) => void);
    },
    onConnection: (listener) => connectionListeners.add(listener),
    onNavigate: () => () => undefined,
  };
}

function doorUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/door`;
}

export type { CoreEvents };
