/**
 * The core as its own process: `reelshelf serve` for browser mode, and the Electron
 * utility process. In Electron it reports its address to the main process (the HTTP
 * server still serves artwork, forwarded by main's reelshelf-art:// protocol) and answers
 * commands posted by main (parent-port.ts).
 */
import { openCore } from '../core';
import { defaultLibraryPath } from '../paths';
import { serveParentPort, type ParentPort } from './parent-port';
import { startServer } from './server';

const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;

const dbFlag = process.argv.indexOf('--db');
const dbPath = dbFlag >= 0 ? process.argv[dbFlag + 1]! : defaultLibraryPath();

try {
  const core = openCore(dbPath, { nativeBinding: process.env.REELSHELF_SQLITE_BINDING || undefined });
  const server = await startServer(core, { port: 0 });
  // Quitting: the command in progress has finished (one thread); close the library cleanly.
  const shutdown = () =>
    void server.close().then(() => {
      core.close();
      process.exit(0);
    });
  if (parent) serveParentPort(core, parent, shutdown);
  // The app's long-lived core keeps the library in step with the person's other devices.
  core.sync.start();
  core.metadata.start();
  parent?.postMessage({ type: 'ready', url: server.url });
  process.stdout.write(`Reelshelf core serving ${dbPath} at ${server.url}\n`);
} catch (e) {
  parent?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  process.exitCode = 1;
}
