/** The real `reelshelf-server` binary in a child process: crash tests (server and client side) and the sync bench. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/reelshelf-server.js', import.meta.url));
const children: ChildProcess[] = [];

export interface Running {
  child: ChildProcess;
  url: string;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ProcessOptions {
  /** More `start` flags, e.g. ['--auth-rate-limit', '100000']. */
  args?: string[];
  /** Node flags, e.g. ['--cpu-prof']. */
  execArgv?: string[];
}

/**
 * Starts `reelshelf-server start` and resolves with the URL from its "listening" log line;
 * every JSON log line it writes is collected in `lines`.
 */
export function startServerProcess(data: string, port = 0, options: ProcessOptions = {}): Promise<Running> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REELSHELF_')));
  const args = [bin, 'start', '--port', String(port), '--data', data, ...(options.args ?? [])];
  const child = spawn(process.execPath, [...(options.execArgv ?? []), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (line.msg === 'listening') resolve({ child, url: line.url as string, lines, exited });
      }
    });
    void exited.then(({ code }) =>
      reject(new Error(`server exited with ${code} before listening: ${stderr}`)),
    );
  });
}

/** SIGKILLs every server process a test started and left running. */
export function killServerProcesses(): void {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
