import type { CommandName, CoreEvents } from './commands';
import type { SerializedCoreError } from './errors';

/** Messages on the WebSocket door (browser mode, later the TV view). */
export type DoorRequest = { id: number; command: CommandName | string; args: unknown };
export type DoorReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedCoreError };
export type DoorEvent = { [E in keyof CoreEvents]: { event: E; payload: CoreEvents[E] } }[keyof CoreEvents];
