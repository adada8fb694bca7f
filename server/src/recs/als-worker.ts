/**
 * One training thread: holds views of the shared problem arrays and runs the
 * part of a gramian or half-step it is told to. See als-workers.ts.
 */
import { parentPort } from 'node:worker_threads';
import { threadWork } from '@reelshelf/shared/recs';
import type { WorkerReply, WorkerTask } from './als-worker-protocol.ts';

let work: ReturnType<typeof threadWork> | undefined;

parentPort!.on('message', (task: WorkerTask) => {
  parentPort!.postMessage(run(task));
});

function run(task: WorkerTask): WorkerReply {
  if (task.op === 'init') {
    work = threadWork(task.problem, task.thread);
    return { op: 'ready' };
  }
  if (!work) throw new Error('The training thread got work before the problem.');
  if (task.op === 'gramian') return { op: 'gramian', gram: work.gramian(task.side, task.start, task.end) };
  work.solve(task.side, task.gram, task.start, task.end);
  return { op: 'solved' };
}
