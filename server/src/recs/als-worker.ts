/**
 * One training thread: holds views of the shared problem arrays and runs the
 * part of a gramian or half-step it is told to. See als-workers.ts.
 */
import { parentPort } from 'node:worker_threads';
import { addGramian, solveRows } from '@reelshelf/shared/recs';
import { halfStepInput, sideFactors, type AlsProblem } from '@reelshelf/shared/recs';
import type { WorkerReply, WorkerTask } from './als-worker-protocol.ts';

let problem: AlsProblem | undefined;

parentPort!.on('message', (task: WorkerTask) => {
  const reply = run(task);
  parentPort!.postMessage(reply);
});

function run(task: WorkerTask): WorkerReply {
  if (task.op === 'init') {
    problem = task.problem;
    return { op: 'ready' };
  }
  if (!problem) throw new Error('The training thread got work before the problem.');
  const k = problem.factors;
  if (task.op === 'gramian') {
    const gram = new Float64Array(k * k);
    addGramian(sideFactors(problem, task.side), k, task.start, task.end, gram);
    return { op: 'gramian', gram };
  }
  solveRows(halfStepInput(problem, task.side, task.gram), task.start, task.end);
  return { op: 'solved' };
}
