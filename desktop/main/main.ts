/**
 * Electron main: a window and security rules, nothing else. The core (SQLite, search,
 * everything) runs in a utility process, the same code `reelshelf serve` runs in Node.
 */
import { app, BrowserWindow, dialog, net, protocol, utilityProcess } from 'electron';
import { join } from 'node:path';
import { applySecurityRules } from './security';

interface CoreReady {
  type: 'ready';
  url: string;
}
interface CoreFailed {
  type: 'error';
  message: string;
}

let coreOrigin: string | undefined;
applySecurityRules(() => coreOrigin);

// Artwork as `reelshelf-art://artwork/<title>/<kind>/<size>`: the core process owns the cache
// and serves it on its own origin; this only forwards, so both doors share one cache.
protocol.registerSchemesAsPrivileged([
  { scheme: 'reelshelf-art', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
function serveArtwork(): void {
  protocol.handle('reelshelf-art', (request) => {
    const url = new URL(request.url);
    if (!coreOrigin || url.host !== 'artwork') return new Response('Not found', { status: 404 });
    return net.fetch(`${coreOrigin}/artwork${url.pathname}`, { headers: request.headers });
  });
}

function startCore(): Promise<string> {
  // scripts/start.mjs passes where the core entry, tsx and the Electron build of better-sqlite3 are.
  const entry = process.env.REELSHELF_CORE_ENTRY ?? join(__dirname, 'core-entry.js');
  const child = utilityProcess.fork(entry, process.argv.slice(2), {
    serviceName: 'Reelshelf core',
    execArgv: process.env.REELSHELF_CORE_EXEC_ARGV?.split(' ').filter(Boolean) ?? [],
    stdio: 'inherit',
  });
  app.on('before-quit', () => child.kill());
  return new Promise((resolve, reject) => {
    child.on('message', (message: CoreReady | CoreFailed) => {
      if (message.type === 'ready') resolve(message.url);
      else reject(new Error(message.message));
    });
    child.on('exit', (code) => reject(new Error(`The core stopped (exit code ${code}).`)));
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  try {
    const url = await startCore();
    coreOrigin = new URL(url).origin;
    serveArtwork();
    const window = new BrowserWindow({
      width: 1280,
      height: 800,
      title: 'Reelshelf',
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: join(__dirname, 'preload.cjs'),
      },
    });
    await window.loadURL(url);
  } catch (e) {
    dialog.showErrorBox('Reelshelf could not open your library', e instanceof Error ? e.message : String(e));
    app.quit();
  }
}

app.on('window-all-closed', () => app.quit());
void main();
