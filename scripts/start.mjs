// `npm start`: the desktop app where Electron can run, browser mode where it cannot.
// Every step that can fail here says why and falls back instead of stopping.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildUi } from './build-ui.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'desktop', 'package.json'));
const args = process.argv.slice(2);

const run = (cmd, cmdArgs, options = {}) =>
  spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32', ...options });

if (run(process.execPath, [join(root, 'scripts', 'ensure-native.mjs')]).status !== 0) process.exit(1);
await buildUi();

function electronBinary() {
  try {
    const path = require('electron'); // the package's index.js returns the binary path, or throws
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Install scripts are off (.npmrc), so the binary is fetched here, once, when the network allows. */
function fetchElectron() {
  const install = require.resolve('electron/install.js');
  console.log('Fetching the Electron binary (first start only)…');
  const result = run(process.execPath, [install], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (result.status !== 0) {
    const reason = String(result.stderr ?? '')
      .split('\n')
      .find((l) => /Error|ENOTFOUND|ECONN|EAI_AGAIN|timed? ?out/i.test(l));
    return `its binary could not be downloaded (${reason?.trim() || `exit ${result.status}`})`;
  }
  return electronBinary() ? undefined : 'the download finished but no binary is there';
}

/**
 * better-sqlite3 for Electron's ABI lives in desktop/native/electron, apart from the Node
 * build that tests and browser mode use; the core loads it through `nativeBinding`.
 */
function electronSqlite() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const dir = join(root, 'desktop', 'native', 'electron', electronVersion, 'better-sqlite3');
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return { binding };
  mkdirSync(dir, { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = run(process.execPath, [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
    `--directory=${dir}`,
  ]);
  return result.status === 0 && existsSync(binding)
    ? { binding }
    : { problem: "better-sqlite3 could not be built for Electron (Electron's headers are needed)" };
}

function whyNoElectron() {
  if (process.env.CI) return 'this is a CI run';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  if (!electronBinary()) {
    const problem = fetchElectron();
    if (problem) return `Electron is not available: ${problem}`;
  }
  return undefined;
}

function startElectron() {
  const sqlite = electronSqlite();
  if (sqlite.problem) return sqlite.problem;
  const esbuild = require('esbuild');
  for (const [entry, out] of [
    ['desktop/main/main.ts', 'desktop/main/dist/main.cjs'],
    ['desktop/preload/preload.ts', 'desktop/main/dist/preload.cjs'],
  ]) {
    esbuild.buildSync({
      entryPoints: [join(root, entry)],
      outfile: join(root, out),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
    });
  }
  const tsx = pathToFileURL(require.resolve('tsx/esm')).href;
  const child = spawn(electronBinary(), [join(root, 'desktop/main/dist/main.cjs'), ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      REELSHELF_CORE_ENTRY: join(root, 'desktop/core/serve/entry.ts'),
      REELSHELF_CORE_EXEC_ARGV: `--import=${tsx}`,
      REELSHELF_SQLITE_BINDING: sqlite.binding,
    },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  return undefined;
}

const reason = whyNoElectron() ?? startElectron();
if (reason) {
  console.log(`Not starting the desktop window: ${reason}.`);
  console.log('Starting browser mode instead: the same app, served on 127.0.0.1 for your browser.');
  const serve = spawn(process.execPath, [join(root, 'desktop/bin/reelshelf.js'), 'serve', ...args], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
  serve.on('exit', (code) => process.exit(code ?? 0));
}
