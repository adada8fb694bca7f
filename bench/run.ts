/**
 * npm run bench [-- suite...] — runs each benchmark suite in its own process
 * (so one suite's memory does not colour the next) and exits non-zero if any
 * missed a target. Suites: catalog, recs, sync, import, scan, artwork, ui. Results: bench/results/<suite>.json.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SUITES = {
  catalog: './catalog.ts',
  recs: './recs.ts',
  sync: './sync.ts',
  import: './import.ts',
  scan: './scan.ts',
  artwork: './artwork.ts',
  ui: './ui.ts',
} as const;
type Suite = keyof typeof SUITES;

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark suite ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}.`,
  );
  process.exit(2);
}
const suites = (asked.length > 0 ? asked : Object.keys(SUITES)) as Suite[];
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
let failed = false;
for (const suite of suites) {
  console.log(`\n# ${suite}`);
  const run = spawnSync(process.execPath, [tsx, fileURLToPath(new URL(SUITES[suite], import.meta.url))], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
