import type { z } from 'zod';
import { CoreError } from '@reelshelf/shared/contracts';

/** Parses at the door; a failure names every bad field and what is wrong with it. */
export function parseArgs<S extends z.ZodType>(command: string, schema: S, args: unknown): z.output<S> {
  const result = schema.safeParse(args ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(arguments)',
    message: i.message,
  }));
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  throw new CoreError('invalid_argument', `${command}: ${summary}`, issues);
}
