import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  balancedRanges,
  mirrorUpper,
  MAX_KERNEL_THREADS,
  shareGram,
  type AlsProblem,
  type AlsRunner,
  type RunnerFactory,
  type Side,
} from '@reelshelf/shared/recs';
import type { WorkerReply, WorkerTask } from './als-worker-protocol.ts';

/**
 * Runs both half-steps and both gramians over `threads` worker threads, each
 * taking a contiguous block of rows of about equal cost. The problem must have
 * been prepared in shared memory (training does that when the runner asks).
 */
export function workerRunner(threads = availableParallelism()): RunnerFactory {
  const factory = async (problem: AlsProblem): Promise<AlsRunner> => {
    const pool = await startPool(problem, Math.max(1, Math.min(threads, MAX_KERNEL_THREADS)));
    const k = problem.factors;
    const rows = (side: Side) => (side === 'users' ? problem.userItem : problem.itemUser);
    const solveRanges = {
      users: balancedRanges(rows('users'), pool.length, k),
      items: balancedRanges(rows('items'), pool.length, k),
    };
    const runner: AlsRunner = {
      async gramian(side) {
        const count = rows(side).rows;
        const parts = await Promise.all(
          pool.map((worker, w) =>
            worker.run({
              op: 'gramian',
              side,
              start: Math.floor((count * w) / pool.length),
              end: Math.floor((count * (w + 1)) / pool.length),
            }),
          ),
        );
        const gram = new Float64Array(k * k);
        for (const part of parts) {
          if (part.op !== 'gramian') throw new Error(`Unexpected reply ${part.op} to a gramian task.`);
          for (let i = 0; i < gram.length; i++) gram[i]! += part.gram[i]!;
        }
        mirrorUpper(gram, k);
        return gram;
      },
      async halfStep(side, gram) {
        shareGram(problem, gram);
        await Promise.all(
          solveRanges[side].map(([start, end], w) => pool[w]!.run({ op: 'solve', side, start, end, gram })),
        );
      },
      async close() {
        await Promise.all(pool.map((worker) => worker.terminate()));
      },
    };
    return runner;
  };
  return Object.assign(factory, { needsSharedMemory: true });
}

interface PoolWorker {
  run(task: WorkerTask): Promise<WorkerReply>;
  terminate(): Promise<number>;
}

async function startPool(problem: AlsProblem, threads: number): Promise<PoolWorker[]> {
  const entry = new URL('./als-worker-entry.js', import.meta.url);
  const pool = Array.from({ length: threads }, () => poolWorker(new Worker(entry)));
  try {
    await Promise.all(pool.map((worker, thread) => worker.run({ op: 'init', problem, thread })));
  } catch (error) {
    // Threads left running would keep the process alive after the error is reported.
    await Promise.all(pool.map((worker) => worker.terminate()));
    throw error;
  }
  return pool;
}

/** A worker runs one task at a time; a crash rejects the task in flight instead of hanging training. */
function poolWorker(worker: Worker): PoolWorker {
  let pending: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void } | undefined;
  const fail = (error: Error) => {
    pending?.reject(error);
    pending = undefined;
  };
  worker.on('message', (reply: WorkerReply) => {
    const task = pending;
    pending = undefined;
    task?.resolve(reply);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`A training thread stopped (exit code ${code}).`)));
  return {
    run(task) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(task);
      });
    },
    terminate: () => worker.terminate(),
  };
}
