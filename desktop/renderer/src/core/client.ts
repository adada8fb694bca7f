import type { CommandArgs, CommandName, CommandResults, CoreEvents } from '@reelshelf/shared/contracts';

/** Whether the page can reach the core right now (browser mode reconnects after a restart). */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * The renderer's only way to the core: in Electron through the preload bridge (IPC), in
 * browser mode over the WebSocket door. Errors are always CoreErrors.
 */
export interface CoreClient {
  call<C extends CommandName>(command: C, args?: CommandArgs<C>): Promise<CommandResults[C]>;
  on<E extends keyof CoreEvents>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  /** Electron's menu asks the page to go somewhere (no-op in browser mode). */
  onNavigate(listener: (path: string) => void): () => void;
}

/** A tiny typed event hub shared by both clients. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}
