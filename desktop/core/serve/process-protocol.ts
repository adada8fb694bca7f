/**
 * Messages between Electron's main process and the core running as its utility process
 * (entry.ts). Types only: main's bundle imports nothing from the core through this.
 */
import type { CoreEvents } from '../../../shared/contracts/commands';
import type { BridgeReply } from '../../../shared/contracts/bridge';

/** main → core */
export interface CoreCallMessage {
  type: 'call';
  id: number;
  command: string;
  args: unknown;
}

/** main → core: the app is quitting; close the library and exit. */
export interface CoreShutdownMessage {
  type: 'shutdown';
}

/** core → main */
export type CoreProcessMessage =
  | { type: 'ready'; url: string }
  | { type: 'error'; message: string }
  | { type: 'reply'; id: number; reply: BridgeReply }
  | { [E in keyof CoreEvents]: { type: 'event'; event: E; payload: CoreEvents[E] } }[keyof CoreEvents];
