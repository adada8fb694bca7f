import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNames } from './parse-names';

const BIN = fileURLToPath(new URL('../bin/reelshelf.js', import.meta.url));

/** Runs the real `reelshelf` binary with `input` on stdin. */
function reelshelf(
  input: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('reelshelf parse-names', () => {
  it('prints one JSON line per input line, in order, garbage and empty lines included', async () => {
    const input = [
      'The.Matrix.1999.1080p.BluRay.x264-GROUP.mkv',
      'Show.Name.S01E02E03.720p.HDTV.x264-GRP',
      '',
      'Show Name (2008)/Season 02/02x03.mkv',
      '\u0000}{ ~~',
      '[Group] Show - 12 [1080p].mkv\r',
      'Daily.Show.2024.03.15.mkv',
    ].join('\n');
    const { code, stdout, stderr } = await reelshelf(input, 'parse-names', '--jsonl');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual([
      '{"kind":"movie","title":"The Matrix","year":1999,"season":null,"episode":null}',
      '{"kind":"episode","title":"Show Name","year":null,"season":1,"episode":[2,3]}',
      '{"kind":"movie","title":"","year":null,"season":null,"episode":null}',
      '{"kind":"episode","title":"Show Name","year":2008,"season":2,"episode":3}',
      '{"kind":"movie","title":"}{ ~~","year":null,"season":null,"episode":null}',
      '{"kind":"episode","title":"Show","year":null,"season":null,"episode":12}',
      '{"kind":"episode","title":"Daily Show","year":2024,"season":null,"episode":null}',
    ]);
  });

  it('prints a readable line per name without --jsonl', async () => {
    const { code, stdout } = await reelshelf(
      'Show Name (2008)/Season 02/Show Name - S02E03-E05.mkv\nThe Matrix (1999) {tmdb-603}-cd1.mkv\n',
      'parse-names',
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      'episode  Show Name (2008) S02E03-E05\nmovie    The Matrix (1999)  [part 1, tmdb 603]\n',
    );
  });

  it('streams: output comes out while input is still coming in', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let seen = '';
    output.on('data', (d: Buffer) => (seen += d.toString('utf8')));
    const done = parseNames(input, output, true);
    // Enough lines to pass the output chunk size before the input ends.
    for (let i = 0; i < 2000; i++) input.write(`Show.S01E${String(i % 99).padStart(2, '0')}.720p\n`);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBeGreaterThan(0);
    input.end('last line without newline');
    expect(await done).toBe(2001);
    expect(seen.trimEnd().split('\n')).toHaveLength(2001);
  });

  it('counts an input without a final newline and an empty input', async () => {
    const sink = new PassThrough();
    sink.resume();
    expect(await parseNames(Readable.from(['a\nb']), sink, true)).toBe(2);
    expect(await parseNames(Readable.from([]), sink, true)).toBe(0);
  });
});
