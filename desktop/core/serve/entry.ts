/**
 * The core as its own process: `reelshelf serve` for browser mode, and the Electron
 * utility process. In Electron it reports its address to the main process.
 */
import { openCore } from '../core';
import { defaultLibraryPath } from '../paths';
import { startServer } from './server';

interface ParentPort {
  postMessage(message: unknown): void;
}
const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;

const dbFlag = process.argv.indexOf('--db');
const dbPath = dbFlag >= 0 ? process.argv[dbFlag + 1]! : defaultLibraryPath();

try {
  const core = openCore(dbPath, { nativeBinding: process.env.REELSHELF_SQLITE_BINDING || undefined });
  const server = await startServer(core, { port: 0 });
  // The app's long-lived core keeps the library in step with the person's other devices.
  core.sync.start();
  core.metadata.start();
  parent?.postMessage({ type: 'ready', url: server.url });
  process.stdout.write(`Reelshelf core serving ${dbPath} at ${server.url}\n`);
} catch (e) {
  parent?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  process.exitCode = 1;
}
