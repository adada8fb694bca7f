import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InteractionError, InteractionLogBuilder, type InteractionLog } from '@reelshelf/shared/recs';

/**
 * Reads `user<TAB>item<TAB>weight` lines. Blank lines are skipped; anything
 * else that is not three fields with a finite weight stops the read with the
 * file and line named, before any training starts.
 */
export async function readInteractions(file: string): Promise<InteractionLog> {
  const builder = new InteractionLogBuilder();
  let line = 0;
  for await (const text of lines(file)) {
    line++;
    if (text.trim() === '') continue;
    const fields = text.split('\t');
    if (fields.length !== 3) {
      throw new InputError(
        file,
        line,
        `expected 3 tab-separated fields (user, item, weight), found ${fields.length}`,
      );
    }
    const [user, item, weightText] = fields.map((f) => f.trim()) as [string, string, string];
    const weight = weightText === '' ? NaN : Number(weightText);
    if (!Number.isFinite(weight))
      throw new InputError(file, line, `the weight "${weightText}" is not a number`);
    try {
      builder.add(user, item, weight);
    } catch (error) {
      if (error instanceof InteractionError) throw new InputError(file, line, error.message);
      throw error;
    }
  }
  return builder.build();
}

/** One id per line; blank lines skipped, duplicates kept once (first position wins). */
export async function readIds(file: string): Promise<string[]> {
  const seen = new Set<string>();
  for await (const text of lines(file)) {
    const id = text.trim();
    if (id !== '') seen.add(id);
  }
  return [...seen];
}

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file} line ${line}: ${detail}`);
    this.name = 'InputError';
  }
}

function lines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}
