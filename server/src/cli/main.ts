import { Command, InvalidArgumentError } from 'commander';
import { recsTopK } from './recs-topk.ts';

const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('expected a whole number ≥ 1');
  return Number(value);
};

const program = new Command()
  .name('reelshelf-server')
  .description('Reelshelf server: sync, clubs and shared recommendation models.')
  .showHelpAfterError();

program
  .command('recs-topk')
  .description('train the recommender on a file of interactions and print the top k items for each user')
  .requiredOption('--train <file>', 'training interactions, one "user<TAB>item<TAB>weight" per line')
  .requiredOption('--users <file>', 'users to recommend for, one id per line')
  .requiredOption('--k <n>', 'items per user', positiveInt)
  .option('--threads <n>', 'training threads (default: all cores)', positiveInt)
  .action(recsTopK);

try {
  await program.parseAsync();
} catch (error) {
  process.stderr.write(`reelshelf-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
