import { CoreError, type Handlers, type ImportCommandResults } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';

const notYet = (name: string) => () => {
  throw new CoreError('internal', `${name} is not built yet.`);
};

export function importHandlers(ctx: Ctx): Pick<Handlers, keyof ImportCommandResults> {
  return {
    'import.run': notYet('import.run'),
    'import.history': notYet('import.history'),
    'import.unmatched': notYet('import.unmatched'),
    'import.resolve': notYet('import.resolve'),
    'import.dismiss': notYet('import.dismiss'),
    'export.backup': notYet('export.backup'),
    'export.csv': notYet('export.csv'),
    'export.letterboxd': notYet('export.letterboxd'),
    'jobs.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  };
}
