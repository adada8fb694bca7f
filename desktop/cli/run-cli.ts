/** For tests: runs the real `reelshelf` binary as a person would, and never throws. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const BIN = fileURLToPath(new URL('../bin/reelshelf.js', import.meta.url));
const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `reelshelf --db <db> ...args`; `env` is added to this process's environment (minus REELSHELF_PASSWORD). */
export async function runCli(
  db: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'REELSHELF_PASSWORD'),
  );
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--db', db, ...args], {
      env: { ...inherited, NO_COLOR: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliResult;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
