import { once } from 'node:events';
import { DEFAULT_TOPK_PARAMS } from '../recs/defaults.ts';
import { readIds, readInteractions } from '../recs/read-interactions.ts';
import { trainTopK } from '../recs/topk.ts';
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
  const recommend = await trainTopK(train, options.k, DEFAULT_TOPK_PARAMS, {
    runner: workerRunner(options.threads),
    onIteration: ({ iteration, iterations, seconds }) =>
      say(`iteration ${iteration}/${iterations} (${seconds.toFixed(1)} s)`),
  });
  // Results stream out as they are scored; large user lists report progress every ~10%.
  const step = Math.max(1000, Math.ceil(users.length / 10));
  for (const [done, user] of users.entries()) {
    if (!process.stdout.write(`${JSON.stringify(recommend(user))}\n`)) await once(process.stdout, 'drain');
    if ((done + 1) % step === 0) say(`scored ${done + 1}/${users.length} users`);
  }
}
