// Builds the React UI into desktop/renderer/dist when its sources are newer than the last
// build (or with --force). `npm start`, `npm run bench` and the tests call it, so a fresh
// clone never serves a stale or missing interface.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'desktop/renderer/dist/index.html');
const sources = [
  'desktop/renderer/src',
  'desktop/renderer/public',
  'desktop/renderer/index.html',
  'shared/contracts',
  'vite.config.ts',
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const names = readdirSync(path).filter((name) => name !== 'node_modules');
  return Math.max(0, ...names.map((name) => newest(join(path, name))));
}

export function uiIsStale() {
  if (!existsSync(built)) return true;
  const buildTime = statSync(built).mtimeMs;
  return sources.some((source) => newest(join(root, source)) > buildTime);
}

export async function buildUi({ force = false, quiet = false } = {}) {
  if (!force && !uiIsStale()) return false;
  if (!quiet) console.log('Building the interface (vite build)…');
  const { build } = await import('vite');
  // Vite picks React's build from NODE_ENV, and vitest sets it to 'test': the tests would
  // leave React's development build in dist (jsxDEV, StrictMode's double renders and
  // effects), which `npm start` and the benchmarks then serve because it is not stale.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildUi({ force: process.argv.includes('--force') });
}
