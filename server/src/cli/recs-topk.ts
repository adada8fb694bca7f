import { once } from 'node:events';
import { DEFAULT_TOPK_PARAMS } from '../recs/defaults.ts';
import { readIds, readInteractions } from '../recs/read-interactions.ts';
import { topKForUsers } from '../recs/topk.ts';
import { workerRunner } from '../recs/als-workers.ts';

interface Options {
  train: string;
  users: string;
  k: number;
  threads?: number;
}

/** Progress goes to stderr so stdout stays one JSON object per line. */
export async function recsTopK(options: Options): Promise<void> {
  const say = (text: string) => process.stderr.write(`${text}\n`);
  const train = await readInteractions(options.train);
  if (train.user.length === 0) throw new Error(`${options.train} has no interactions to train on.`);
  const users = await readIds(options.users);
  say(
    `training on ${train.user.length} interactions (${train.users.length} users, ${train.items.length} items)`,
  );
  const results = await topKForUsers(train, users, options.k, DEFAULT_TOPK_PARAMS, {
    runner: workerRunner(options.threads),
    onIteration: ({ iteration, iterations, seconds }) =>
      say(`iteration ${iteration}/${iterations} (${seconds.toFixed(1)} s)`),
  });
  for (const result of results) {
    if (!process.stdout.write(`${JSON.stringify(result)}\n`)) await once(process.stdout, 'drain');
  }
}
