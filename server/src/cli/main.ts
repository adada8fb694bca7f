import { Command, InvalidArgumentError } from 'commander';
import { start } from '../start.ts';
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

program
  .command('start')
  .description('run the sync server (flags win over REELSHELF_* environment variables)')
  .option('--port <n>', 'port to listen on, 0 for any free one (REELSHELF_PORT, default 8787)')
  .option('--host <address>', 'address to listen on (REELSHELF_HOST, default 127.0.0.1)')
  .option(
    '--data <folder>',
    'data folder: database and secret (REELSHELF_DATA, default ./reelshelf-server-data)',
  )
  .option(
    '--secret <text>',
    'token signing secret, ≥ 32 characters (REELSHELF_SECRET; prefer the variable: flags show in ps); ' +
      'default: made once and kept in <data>/secret',
  )
  .option('--access-ttl <seconds>', 'access-token lifetime (REELSHELF_ACCESS_TTL, default 900)')
  .option(
    '--auth-rate-limit <n>',
    'sign-in requests per minute per address (REELSHELF_AUTH_RATE_LIMIT, default 20)',
  )
  .option('--log-level <level>', 'fatal … trace or silent (REELSHELF_LOG_LEVEL, default info)')
  .action(start);

try {
  await program.parseAsync();
} catch (error) {
  process.stderr.write(`reelshelf-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
