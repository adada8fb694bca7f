/**
 * Electron main: windows, the menu, the app:// protocol, security rules and the IPC relay,
 * nothing else. The core (SQLite, search, everything) runs in a utility process, the same
 * code `reelshelf serve` runs in Node. Decisions live in pure modules beside this one
 * (origin, external-links, window-state, app-protocol, core-relay, menu), tested in Node.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  screen,
  utilityProcess,
  type IpcMainInvokeEvent,
  type UtilityProcess,
} from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE_CHANNELS, type BridgeReply, type Navigation } from '../../shared/contracts/bridge';
import type { CoreProcessMessage, CoreShutdownMessage } from '../core/serve/process-protocol';
import { serveAppRequest } from './app-protocol';
import { createCoreRelay, type CoreRelay } from './core-relay';
import { PROJECT_PAGE } from './external-links';
import { menuTemplate } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, isTrustedSender } from './origin';
import { applySecurityRules, openExternal } from './security';
import { loadWindowState, MIN_SIZE, restoreWindowState, saveWindowState, type Rect } from './window-state';

app.setName('Reelshelf');
applySecurityRules();

const dev = !app.isPackaged;
const rendererRoot = process.env.REELSHELF_RENDERER_DIR ?? join(__dirname, '..', '..', 'renderer', 'dist');
const windows = new Set<BrowserWindow>();
let mainWindow: BrowserWindow | undefined;
let coreOrigin: string | undefined;
let relay: CoreRelay | undefined;
let quitting = false;

// app:// serves the built renderer (a standard, secure origin with fetch); reelshelf-art://
// forwards artwork to the core, which owns the cache, so both doors share it.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: 'reelshelf-art', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

function serveProtocols(): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererRoot));
  protocol.handle('reelshelf-art', (request) => {
    const url = new URL(request.url);
    if (!coreOrigin || url.host !== 'artwork' || request.method !== 'GET') {
      return new Response('Not found', { status: 404 });
    }
    return net.fetch(`${coreOrigin}/artwork${url.pathname}`, { headers: request.headers });
  });
}

/** How long a quit waits for the core to close the library before stopping it. */
const CORE_SHUTDOWN_MS = 5_000;

function startCore(): Promise<{ url: string; child: UtilityProcess }> {
  // scripts/start.mjs passes where the core entry, tsx and the Electron build of better-sqlite3 are.
  const entry = process.env.REELSHELF_CORE_ENTRY ?? join(__dirname, 'core-entry.js');
  const child = utilityProcess.fork(entry, process.argv.slice(2), {
    serviceName: 'Reelshelf core',
    execArgv: process.env.REELSHELF_CORE_EXEC_ARGV?.split(' ').filter(Boolean) ?? [],
    stdio: 'inherit',
  });
  let coreExited = false;
  child.once('exit', () => (coreExited = true));
  app.on('before-quit', (event) => {
    if (coreExited) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    // The core finishes the command it is in and closes the library; it never holds the quit long.
    const force = setTimeout(() => child.kill(), CORE_SHUTDOWN_MS);
    child.once('exit', () => {
      clearTimeout(force);
      app.quit();
    });
    child.postMessage({ type: 'shutdown' } satisfies CoreShutdownMessage);
  });
  relay = createCoreRelay(
    (message) => child.postMessage(message),
    (message) => {
      for (const window of windows) window.webContents.send(BRIDGE_CHANNELS.event, message);
    },
  );
  return new Promise((resolve, reject) => {
    child.on('message', (message: CoreProcessMessage) => {
      if (message.type === 'ready') resolve({ url: message.url, child });
      else if (message.type === 'error') reject(new Error(message.message));
      else relay?.receive(message);
    });
    child.on('exit', (code) => {
      const reason = `The core stopped (exit code ${code}).`;
      relay?.stop(reason);
      reject(new Error(reason));
      if (!quitting && coreOrigin) {
        dialog.showErrorBox('Reelshelf stopped working', reason);
        app.quit();
      }
    });
  });
}

/** Main frame of one of our windows, showing the app origin; anything else gets no answer. */
function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const window = BrowserWindow.fromWebContents(event.sender);
  return isTrustedSender({
    frameUrl: frame?.url,
    topUrl: event.sender.getURL(),
    isMainFrame:
      frame !== null &&
      frame.parent === null &&
      frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
    ownWindow: window !== null && windows.has(window),
  });
}

const REFUSED: BridgeReply = {
  ok: false,
  error: { code: 'unauthorized', message: 'Only the Reelshelf window may call the core.', issues: [] },
};

ipcMain.handle(BRIDGE_CHANNELS.call, (event, command: unknown, args: unknown) => {
  if (!trusted(event) || !relay) return REFUSED;
  return relay.call(command, args);
});

function navigate(navigation: Navigation): void {
  const window = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (window && windows.has(window)) window.webContents.send(BRIDGE_CHANNELS.navigate, navigation);
}

/** The import screen asks for the file itself (the page sends the bytes; it has no paths). */
function openImport(): void {
  navigate({ to: 'import' });
}

async function createWindow(): Promise<BrowserWindow> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = restoreWindowState(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Reelshelf',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: dev,
      preload: join(__dirname, 'preload.cjs'),
    },
  });
  windows.add(window);
  if (state.maximized) window.maximize();
  if (state.fullScreen) window.setFullScreen(true);

  // Bounds are remembered as they were before maximising or going full screen.
  let normalBounds: Rect = state.bounds;
  const remember = () => {
    if (!window.isMaximized() && !window.isFullScreen() && !window.isMinimized())
      normalBounds = window.getBounds();
  };
  window.on('resize', remember);
  window.on('move', remember);
  window.on('close', () =>
    saveWindowState(stateFile, {
      bounds: normalBounds,
      maximized: window.isMaximized(),
      fullScreen: window.isFullScreen(),
    }),
  );
  window.on('closed', () => {
    windows.delete(window);
    if (mainWindow === window) mainWindow = undefined;
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY_URL);
  return window;
}

function focus(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function main(): Promise<void> {
  await app.whenReady();
  try {
    if (!existsSync(join(rendererRoot, 'index.html'))) {
      throw new Error(
        `The window's page is not built: ${rendererRoot} has no index.html (run \`npx vite build\`).`,
      );
    }
    const { url } = await startCore();
    coreOrigin = new URL(url).origin; // still needed: reelshelf-art:// forwards artwork to it
    serveProtocols();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            navigate: (to) => navigate({ to }),
            importFiles: openImport,
            openProjectPage: () => openExternal(PROJECT_PAGE),
          },
          { dev, platform: process.platform },
        ),
      ),
    );
    mainWindow = await createWindow();
  } catch (e) {
    dialog.showErrorBox('Reelshelf could not open your library', e instanceof Error ? e.message : String(e));
    app.quit();
  }
}

// One app per library: a second start focuses the window already open.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) focus(mainWindow);
  });
  app.on('window-all-closed', () => app.quit());
  void main();
}
