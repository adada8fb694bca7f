import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtworkStore } from './store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-artwork-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const hashOf = (name: string) => createHash('sha256').update(name).digest('hex');
const bytes = (n: number, fill: number) => Buffer.alloc(n, fill);

function filesOnDisk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name))
    .flatMap((e) => readdirSync(join(dir, e.name)).map((f) => join(dir, e.name, f)));
}

describe('ArtworkStore', () => {
  it('evicts the least recently used variant first, counting a serve as a use', async () => {
    const store = ArtworkStore.open(tempDir(), { capBytes: 3_500 });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(hashOf) as [string, string, string, string];
    await store.putVariants(a, new Map([['thumb', bytes(1000, 1)]]));
    await store.putVariants(b, new Map([['thumb', bytes(1000, 2)]]));
    await store.putVariants(c, new Map([['thumb', bytes(1000, 3)]]));
    store.touch(a, 'thumb'); // a is now more recent than b and c
    await store.putVariants(d, new Map([['thumb', bytes(1000, 4)]]));
    expect(store.variant(b, 'thumb')).toBeUndefined();
    expect(existsSync(store.variantPath(b, 'thumb'))).toBe(false);
    for (const h of [a, c, d]) expect(store.variant(h, 'thumb')).toBeDefined();
    expect(store.totalBytes).toBe(3_000);

    store.touch(c, 'thumb');
    await store.putVariants(hashOf('e'), new Map([['thumb', bytes(1000, 5)]]));
    expect(store.variant(a, 'thumb')).toBeUndefined(); // a was touched before c
    expect(store.variant(c, 'thumb')).toBeDefined();
    store.close();
  });

  it('keeps the total under the cap, and equal to the bytes on disk, after many inserts', async () => {
    const dir = tempDir();
    const cap = 50_000;
    const store = ArtworkStore.open(dir, { capBytes: cap });
    for (let i = 0; i < 300; i++) {
      const size = 500 + ((i * 7919) % 4000);
      await store.putVariants(
        hashOf(`img${i}`),
        new Map([
          ['thumb', bytes(size, i % 256)],
          ['card', bytes(size * 2, i % 256)],
        ]),
      );
      if (i % 3 === 0) store.touch(hashOf(`img${i}`), 'thumb');
      expect(store.totalBytes).toBeLessThanOrEqual(cap);
    }
    const onDisk = filesOnDisk(dir).reduce((n, f) => n + statSync(f).size, 0);
    expect(onDisk).toBe(store.totalBytes);
    expect(filesOnDisk(dir)).toHaveLength(store.variantCount());
    expect(store.counters.evicted).toBeGreaterThan(0);
    store.close();
    const again = ArtworkStore.open(dir, { capBytes: cap });
    expect(again.totalBytes).toBe(onDisk);
    again.close();
  });

  it('never returns a variant whose file was damaged or removed, and forgets it', async () => {
    const store = ArtworkStore.open(tempDir());
    const h = hashOf('x');
    await store.putVariants(
      h,
      new Map([
        ['thumb', bytes(800, 7)],
        ['card', bytes(900, 8)],
      ]),
    );
    const thumb = store.variant(h, 'thumb')!;
    expect(await store.readVariant(thumb)).toEqual(bytes(800, 7));
    writeFileSync(store.variantPath(h, 'thumb'), bytes(800, 9)); // same length, other bytes
    expect(await store.readVariant(thumb)).toBeUndefined();
    expect(store.variant(h, 'thumb')).toBeUndefined();
    expect(existsSync(store.variantPath(h, 'thumb'))).toBe(false);
    expect(store.counters.corruptDetected).toBe(1);
    rmSync(store.variantPath(h, 'card'));
    expect(await store.readVariant(store.variant(h, 'card')!)).toBeUndefined();
    expect(store.totalBytes).toBe(0);
    store.close();
  });

  it('after an unclean shutdown, drops files without rows, rows without files, and temp files', async () => {
    const dir = tempDir();
    const store = ArtworkStore.open(dir);
    const [a, b] = [hashOf('a'), hashOf('b')];
    await store.putVariants(a, new Map([['thumb', bytes(100, 1)]]));
    await store.putVariants(b, new Map([['thumb', bytes(100, 2)]]));
    store.flushTouches();
    // Simulate a crash: a row whose file is gone, a renamed file never indexed, a half-written temp.
    rmSync(store.variantPath(a, 'thumb'));
    const stray = store.variantPath(b, 'card');
    writeFileSync(stray, bytes(50, 3));
    const temp = store.tempPath('.download');
    writeFileSync(temp, 'partial');
    // Not closed: the next process opens the folder after the crash.
    const reopened = ArtworkStore.open(dir);
    expect(existsSync(stray)).toBe(false);
    expect(reopened.variant(a, 'thumb')).toBeUndefined();
    expect(reopened.variant(b, 'thumb')).toBeDefined();
    expect(existsSync(temp)).toBe(false);
    expect(reopened.totalBytes).toBe(100);
    reopened.close();
    store.close();
  });

  it('starts empty when its index is damaged, deleting only its own files', async () => {
    const dir = tempDir();
    const store = ArtworkStore.open(dir);
    await store.putVariants(hashOf('a'), new Map([['thumb', bytes(100, 1)]]));
    const file = store.variantPath(hashOf('a'), 'thumb');
    store.close();
    writeFileSync(join(dir, 'index.db'), 'this is not a database'.repeat(200));
    rmSync(join(dir, 'index.db-wal'), { force: true });
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const fresh = ArtworkStore.open(dir);
    expect(fresh.variantCount()).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    fresh.close();
  });
});
