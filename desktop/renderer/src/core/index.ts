import type { DesktopBridge } from '@reelshelf/shared/contracts/bridge';
import type { CoreClient } from './client';
import { createIpcClient } from './ipc-client';
import { createWebSocketClient } from './ws-client';

declare global {
  interface Window {
    /** Present only inside the Electron window (desktop/preload). */
    reelshelf?: DesktopBridge;
  }
}

/** Electron's preload bridge when there is one, else browser mode's WebSocket door. */
export function connectToCore(): CoreClient {
  return window.reelshelf ? createIpcClient(window.reelshelf) : createWebSocketClient();
}

export type { CoreClient, ConnectionState } from './client';
export { CoreProvider, useCore, useQuery, useAction, useConnection } from './hooks';
export { asCoreError } from './hooks';
