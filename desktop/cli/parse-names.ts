import type { Command } from 'commander';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseMediaPath, type ParsedName } from '../core/scan/names';

/** Output is gathered into chunks of about this size: one write per line is slow on 1M lines. */
const CHUNK = 64 * 1024;

/** Exactly the fields the JSONL contract names, in its key order. */
export function jsonLine(p: Pick<ParsedName, 'kind' | 'title' | 'year' | 'season' | 'episode'>): string {
  return JSON.stringify({ kind: p.kind, title: p.title, year: p.year, season: p.season, episode: p.episode });
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `episode  Show Name (2008) S02E03-E04  [1080p]` — for people reading a terminal. */
export function readableLine(p: ParsedName): string {
  let what = p.title || '(no title)';
  if (p.year !== null) what += ` (${p.year})`;
  if (p.kind === 'episode') {
    const eps = p.episode === null ? [] : Array.isArray(p.episode) ? p.episode : [p.episode];
    const s = p.season !== null ? `S${pad2(p.season)}` : '';
    const e = eps.length ? eps.map((n) => `E${pad2(n)}`).join(eps.length > 1 ? '-' : '') : '';
    if (eps.length > 2) what += ` ${s}E${pad2(eps[0]!)}-E${pad2(eps[eps.length - 1]!)}`;
    else if (s || e) what += ` ${s}${e}`;
    if (p.date) what += ` ${p.date}`;
  }
  const notes = [
    p.edition && `edition: ${p.edition}`,
    p.part !== null && `part ${p.part}`,
    p.resolution,
    p.disc,
    p.isSample && 'sample',
    p.isExtra && 'extra',
    p.ids.tmdb !== null && `tmdb ${p.ids.tmdb}`,
    p.ids.imdb,
    p.ids.tvdb !== null && `tvdb ${p.ids.tvdb}`,
  ].filter(Boolean);
  return `${p.kind.padEnd(7)}  ${what}${notes.length ? `  [${notes.join(', ')}]` : ''}`;
}

/** Never throws: a name the parser cannot take is still one movie line with the text as title. */
function parseLine(line: string): ParsedName {
  try {
    return parseMediaPath(line);
  } catch {
    return {
      kind: 'movie',
      title: line.trim(),
      year: null,
      season: null,
      episode: null,
      ids: { tmdb: null, imdb: null, tvdb: null },
      edition: null,
      part: null,
      date: null,
      isSample: false,
      isExtra: false,
      container: null,
      disc: null,
      resolution: null,
    };
  }
}

/**
 * One output line per input line, streamed: lines are read, parsed and written as they come,
 * and writing waits when the reader of our output is slower, so memory stays flat whatever the
 * input size.
 */
export async function parseNames(input: Readable, output: Writable, jsonl: boolean): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let buffer = '';
  let count = 0;
  const flush = async () => {
    if (!buffer) return;
    const ok = output.write(buffer);
    buffer = '';
    if (!ok) await once(output, 'drain');
  };
  for await (const line of lines) {
    const p = parseLine(line);
    buffer += `${jsonl ? jsonLine(p) : readableLine(p)}\n`;
    count++;
    if (buffer.length >= CHUNK) await flush();
  }
  await flush();
  return count;
}

export function addParseNamesCommand(program: Command): void {
  program
    .command('parse-names')
    .description('say what media file names are: one name or relative path a line on stdin')
    .option('--jsonl', 'one JSON object a line: {"kind","title","year","season","episode"}')
    .action(async (o: { jsonl?: boolean }) => {
      // A reader that stops early (`| head`) is not an error.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
        throw e;
      });
      await parseNames(process.stdin, process.stdout, Boolean(o.jsonl || program.opts().json));
    });
}
