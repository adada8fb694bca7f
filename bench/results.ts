import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What every results file starts with: which suite, when, and on what machine. */
export function resultHeader(benchmark: string) {
  return {
    benchmark,
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
  };
}

/** Writes bench/results/<benchmark>.json. */
export function saveResult(benchmark: string, result: object): void {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${benchmark}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
