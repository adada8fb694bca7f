/**
 * Preload: exposes one typed object and no logic. Until the React UI arrives the page
 * talks to the core over the same WebSocket door as browser mode, so this only tells
 * the page it runs inside the desktop app.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('reelshelf', { shell: 'electron' as const });
