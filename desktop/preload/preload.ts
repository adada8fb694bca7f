/**
 * Preload: exposes one typed object, `window.reelshelf` (DesktopBridge in
 * shared/contracts/bridge.ts), and never ipcRenderer itself. Commands are one method each,
 * built from the runtime list of names; main checks the sender and the name again.
 * Bundled by esbuild into a sandboxed preload: it must not import zod or Node modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_CHANNELS,
  type BridgeCommands,
  type DesktopBridge,
  type Navigation,
} from '../../shared/contracts/bridge';
import { COMMAND_NAMES, isCoreEventName } from '../../shared/contracts/command-names';
import type { CoreEvents } from '../../shared/contracts/commands';

type EventMessage = { event: keyof CoreEvents; payload: unknown };

const commands = Object.freeze(
  Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      (args?: unknown) => ipcRenderer.invoke(BRIDGE_CHANNELS.call, name, args),
    ]),
  ),
) as unknown as BridgeCommands;

const bridge: DesktopBridge = {
  shell: 'electron',
  commands,
  on(event, listener) {
    if (!isCoreEventName(event) || typeof listener !== 'function') throw new TypeError('Unknown core event.');
    // The IpcRendererEvent stays here: the page gets the payload only.
    const relay = (_e: IpcRendererEvent, message: EventMessage) => {
      if (message?.event === event) listener(message.payload as never);
    };
    ipcRenderer.on(BRIDGE_CHANNELS.event, relay);
    return () => void ipcRenderer.removeListener(BRIDGE_CHANNELS.event, relay);
  },
  onNavigate(listener) {
    if (typeof listener !== 'function') throw new TypeError('onNavigate needs a function.');
    const relay = (_e: IpcRendererEvent, navigation: Navigation) => listener(navigation);
    ipcRenderer.on(BRIDGE_CHANNELS.navigate, relay);
    return () => void ipcRenderer.removeListener(BRIDGE_CHANNELS.navigate, relay);
  },
};

contextBridge.exposeInMainWorld('reelshelf', bridge);
