import { z } from 'zod';
import type { CoreEvents } from './commands';
import type { SerializedCoreError } from './errors';

/** Messages on the WebSocket door (browser mode, later the TV view). */
export const DoorRequest = z.object({
  id: z.number().int(),
  /** A command name; unknown names are answered with CoreError 'unknown_command'. */
  command: z.string().min(1).max(100),
  args: z.unknown(),
});
export type DoorRequest = z.infer<typeof DoorRequest>;
export type DoorReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedCoreError };
export type DoorEvent = { [E in keyof CoreEvents]: { event: E; payload: CoreEvents[E] } }[keyof CoreEvents];
