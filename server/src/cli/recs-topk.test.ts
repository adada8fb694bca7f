import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/reelshelf-server.js', import.meta.url));
const run = promisify(execFile);

function files(train: string, users: string) {
  const dir = mkdtempSync(join(tmpdir(), 'recs-topk-'));
  writeFileSync(join(dir, 'train.tsv'), train);
  writeFileSync(join(dir, 'users.txt'), users);
  return { train: join(dir, 'train.tsv'), users: join(dir, 'users.txt') };
}

/** Two tastes: u0–u19 watch a0–a9, u20–u39 watch b0–b9, six titles each. */
function twoTastes(): string {
  const lines: string[] = [];
  for (let u = 0; u < 40; u++) {
    const prefix = u < 20 ? 'a' : 'b';
    for (let j = 0; j < 6; j++) lines.push(`u${u}\t${prefix}${(u * 3 + j * 7) % 10}\t${1 + ((u + j) % 5)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the real command on two files; resolves with its output, rejects (with code, stdout, stderr) on failure. */
function recsTopK(f: { train: string; users: string }, k: string, ...extra: string[]) {
  return run(process.execPath, [
    bin,
    'recs-topk',
    '--train',
    f.train,
    '--users',
    f.users,
    '--k',
    k,
    ...extra,
  ]);
}

describe('reelshelf-server recs-topk', () => {
  it('prints one JSON line per user with k unseen items from their taste; strangers get the popular ones', async () => {
    const f = files(twoTastes(), 'u3\nu25\nstranger\n');
    const { stdout, stderr } = await recsTopK(f, '3', '--threads', '2');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { user: string; items: string[] });
    expect(lines.map((l) => l.user)).toEqual(['u3', 'u25', 'stranger']);
    const training = new Map<string, Set<string>>();
    for (const line of twoTastes().trim().split('\n')) {
      const [user, item] = line.split('\t') as [string, string];
      training.set(user, (training.get(user) ?? new Set()).add(item));
    }
    for (const { user, items } of lines) {
      expect(items).toHaveLength(3);
      expect(new Set(items).size).toBe(3);
      if (user === 'stranger') continue;
      for (const item of items) {
        expect(training.get(user)!.has(item)).toBe(false);
        expect(item[0]).toBe(user === 'u3' ? 'a' : 'b');
      }
    }
    expect(stderr).toMatch(/iteration 15\/15/);
  }, 60_000);

  it('stops with the file and line of a bad record, printing nothing on stdout', async () => {
    const f = files('u1\ti1\t4\nu1\ti2\tfour\n', 'u1\n');
    await expect(recsTopK(f, '3')).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/train\.tsv line 2: the weight "four" is not a number/),
    });
    const short = files('u1\ti1\n', 'u1\n');
    await expect(recsTopK(short, '3')).rejects.toMatchObject({
      stderr: expect.stringMatching(/line 1: expected 3 tab-separated fields/),
    });
  }, 60_000);

  it('refuses an empty training file and a k that is not a positive whole number', async () => {
    const empty = files('\n', 'u1\n');
    await expect(recsTopK(empty, '3')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no interactions/),
    });
    await expect(recsTopK(empty, '0')).rejects.toMatchObject({
      stderr: expect.stringMatching(/whole number/),
    });
  }, 60_000);

  it('returns fewer than k items when the user has seen almost everything', async () => {
    const f = files('u1\ti1\t5\nu1\ti2\t5\nu2\ti3\t1\n', 'u1\n');
    const { stdout } = await recsTopK(f, '10');
    expect(JSON.parse(stdout)).toEqual({ user: 'u1', items: ['i3'] });
  }, 60_000);
});
