/**
 * The desktop app's bridge: the one object Electron's preload puts on `window.reelshelf`.
 * The renderer's IPC CoreClient is written against this type; it never sees Electron.
 * Type-only imports: the preload bundle must not pull in zod.
 */
import type { CommandArgs, CommandName, CommandResults, CoreEvents } from './commands';
import type { SerializedCoreError } from './errors';

/** A command's answer: the same shape as a WebSocket door reply, without the id. */
export type BridgeReply<T = unknown> = { ok: true; result: T } | { ok: false; error: SerializedCoreError };
/** Alias under the name the renderer's CoreClient uses for door replies of either door. */
export type DoorReplyLike<T = unknown> = BridgeReply<T>;

/** One method per command; commands whose arguments all have defaults may be called without any. */
export type BridgeCommands = {
  readonly [C in CommandName]: undefined extends CommandArgs<C>
    ? (args?: CommandArgs<C>) => Promise<BridgeReply<CommandResults[C]>>
    : (args: CommandArgs<C>) => Promise<BridgeReply<CommandResults[C]>>;
};

/** The app's places, as the menu names them (Go menu; File ▸ Import… opens `import`). */
export const NAVIGATION_TARGETS = [
  'library',
  'search',
  'lists',
  'discover',
  'stats',
  'settings',
  'import',
] as const;
export type NavigationTarget = (typeof NAVIGATION_TARGETS)[number];

/** Sent by the application menu. */
export interface Navigation {
  to: NavigationTarget;
}

export interface DesktopBridge {
  readonly shell: 'electron';
  readonly commands: BridgeCommands;
  /** Core events (see CoreEvents). Returns the function that unsubscribes. */
  on<E extends keyof CoreEvents>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  /** Menu navigation. Returns the function that unsubscribes. */
  onNavigate(listener: (navigation: Navigation) => void): () => void;
}

/** IPC channels between preload and main (the page never sees them). */
export const BRIDGE_CHANNELS = {
  /** invoke(command, args) → BridgeReply */
  call: 'core:call',
  /** main → page: {event, payload} */
  event: 'core:event',
  /** main → page: Navigation */
  navigate: 'navigate',
} as const;

/** What the renderer sees on `window` inside the desktop app (absent in browser mode). */
export interface DesktopWindow {
  reelshelf?: DesktopBridge;
}
