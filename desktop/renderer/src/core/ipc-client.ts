import { CoreError } from '@reelshelf/shared/contracts/errors';
import type { BridgeReply, DesktopBridge } from '@reelshelf/shared/contracts/bridge';
import type { CoreClient } from './client';

/** Inside Electron: every command goes through the preload's typed bridge (IPC to the core process). */
export function createIpcClient(bridge: DesktopBridge): CoreClient {
  return {
    connection: 'open',
    async call(command, args) {
      // One typed method per command; the union of all their signatures is not callable as such.
      const method = bridge.commands[command] as (args: unknown) => Promise<BridgeReply>;
      const reply = await method(args ?? {});
      if (reply.ok) return reply.result as never;
      throw CoreError.fromJSON(reply.error);
    },
    on: (event, listener) => bridge.on(event, listener),
    onConnection: () => () => undefined,
    onNavigate: (listener) => bridge.onNavigate((navigation) => listener(navigation.to)),
  };
}
