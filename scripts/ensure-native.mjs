// Install scripts are disabled in .npmrc, so native modules are built here,
// on first need, for the Node that runs the tests, the CLI and browser mode.
// The Electron build of better-sqlite3 is kept apart (see scripts/start.mjs).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function sqliteLoads() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch {
    return false;
  }
}

if (!sqliteLoads()) {
  console.log(
    `Building better-sqlite3 for Node ${process.version} (once; about a minute without a prebuilt binary)…`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !sqliteLoads()) {
    console.error(
      'Could not build better-sqlite3. It needs python3, make and a C++ compiler (see README.md).',
    );
    process.exit(1);
  }
}
