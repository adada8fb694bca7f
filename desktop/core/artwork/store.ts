import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTWORK_SIZES, type ArtworkSize } from './sizes';

export const DEFAULT_CAP_BYTES = 2 * 2 ** 30;
/** Serving records "used" in memory; the index is updated at most this often (one transaction). */
const TOUCH_FLUSH_MS = 1_000;
const TOUCH_FLUSH_COUNT = 2_000;

export interface ArtworkStoreOptions {
  /** Total bytes of variants kept; the least recently used are deleted past it. Default 2 GiB. */
  capBytes?: number;
  now?: () => number;
}

/** What the cache remembers about where an original came from (a URL or an absolute local path). */
export interface SourceRow {
  key: string;
  hash: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number;
  localMtimeMs: number | null;
  localSize: number | null;
}

export interface VariantRow {
  hash: string;
  size: ArtworkSize;
  bytes: number;
  /** SHA-256 of the WebP file: what is checked before serving, and the ETag. */
  checksum: string;
}

export interface StoreCounters {
  variantsWritten: number;
  evicted: number;
  corruptDetected: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS sources (
  key TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  fetched_at INTEGER NOT NULL,
  local_mtime_ms REAL,
  local_size INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS sources_hash ON sources (hash);
CREATE TABLE IF NOT EXISTS variants (
  hash TEXT NOT NULL,
  size TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  checksum TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  use_seq INTEGER NOT NULL,
  PRIMARY KEY (hash, size)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS variants_lru ON variants (use_seq);
`;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function tryOpenIndex(dir: string): Database.Database {
  const db = new Database(join(dir, 'index.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Opens (or creates) the index. A damaged index is not worth a repair: the cache is
 * disposable, so the index and the files it described are deleted and it starts empty.
 * Only names the cache itself makes are deleted, whatever else is in the folder.
 */
function openIndex(dir: string): Database.Database {
  try {
    return tryOpenIndex(dir);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw e;
    for (const name of readdirSync(dir)) {
      if (/^index\.db(-wal|-shm)?$/.test(name) || /^[0-9a-f]{2}$/.test(name)) {
        rmSync(join(dir, name), { recursive: true, force: true });
      }
    }
    return tryOpenIndex(dir);
  }
}

/**
 * The artwork cache on disk: WebP variants under `<dir>/<aa>/<hash>-<size>.webp`, addressed by
 * the SHA-256 of the original image (so one poster reached by two URLs is stored once), and an
 * index in `<dir>/index.db` — its own file because the cache is disposable and must not grow
 * the library. Originals are not kept: once resized they are only needed again after an
 * eviction or a corrupt file, and then they are fetched again.
 *
 * One process owns a cache folder at a time (the core).
 */
export class ArtworkStore {
  readonly capBytes: number;
  readonly counters: StoreCounters = { variantsWritten: 0, evicted: 0, corruptDetected: 0 };
  private readonly db: Database.Database;
  private readonly now: () => number;
  private total: number;
  private seq: number;
  private readonly pendingTouches = new Map<string, { hash: string; size: ArtworkSize; seq: number }>();
  private flushTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly q;

  static open(dir: string, options: ArtworkStoreOptions = {}): ArtworkStore {
    return new ArtworkStore(dir, options);
  }

  private constructor(
    readonly dir: string,
    options: ArtworkStoreOptions,
  ) {
    this.capBytes = options.capBytes ?? DEFAULT_CAP_BYTES;
    this.now = options.now ?? Date.now;
    mkdirSync(dir, { recursive: true });
    // Leftover temp files are downloads or resizes a crash interrupted: never valid.
    rmSync(this.tempDir, { recursive: true, force: true });
    mkdirSync(this.tempDir, { recursive: true });

    this.db = openIndex(dir);
    const db = this.db;
    this.q = {
      getSource: db.prepare<[string], Record<string, unknown>>('SELECT * FROM sources WHERE key = ?'),
      putSource: db.prepare(
        `INSERT INTO sources (key, hash, etag, last_modified, fetched_at, local_mtime_ms, local_size)
         VALUES (@key, @hash, @etag, @lastModified, @fetchedAt, @localMtimeMs, @localSize)
         ON CONFLICT (key) DO UPDATE SET hash = excluded.hash, etag = excluded.etag,
           last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,
           local_mtime_ms = excluded.local_mtime_ms, local_size = excluded.local_size`,
      ),
      sourceFetched: db.prepare('UPDATE sources SET fetched_at = ? WHERE key = ?'),
      anySourceOf: db.prepare<[string], { key: string }>('SELECT key FROM sources WHERE hash = ? LIMIT 1'),
      getVariant: db.prepare<[string, string], VariantRow>(
        'SELECT hash, size, bytes, checksum FROM variants WHERE hash = ? AND size = ?',
      ),
      sizesOf: db.prepare<[string], { size: ArtworkSize }>('SELECT size FROM variants WHERE hash = ?'),
      putVariant: db.prepare(
        `INSERT OR REPLACE INTO variants (hash, size, bytes, checksum, created_at, last_used_at, use_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteVariant: db.prepare('DELETE FROM variants WHERE hash = ? AND size = ?'),
      touch: db.prepare('UPDATE variants SET last_used_at = ?, use_seq = ? WHERE hash = ? AND size = ?'),
      oldest: db.prepare<[number], VariantRow>(
        'SELECT hash, size, bytes, checksum FROM variants ORDER BY use_seq LIMIT ?',
      ),
      pruneSources: db.prepare(
        'DELETE FROM sources WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM variants WHERE hash = ?)',
      ),
      allVariants: db.prepare<[], VariantRow>('SELECT hash, size, bytes, checksum FROM variants'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };

    // A cache that was not closed may hold files renamed into place whose rows were never
    // written, or rows whose files were lost: reconcile the two before trusting the total.
    if (this.q.getMeta.get('state')?.value === 'open') this.reconcile();
    this.q.setMeta.run('state', 'open');
    this.total = (db.prepare('SELECT coalesce(sum(bytes), 0) FROM variants').pluck().get() as number) ?? 0;
    this.seq = (db.prepare('SELECT coalesce(max(use_seq), 0) FROM variants').pluck().get() as number) ?? 0;
  }

  get tempDir(): string {
    return join(this.dir, 'tmp');
  }

  /** A fresh name in the cache folder (same file system, so the final rename is atomic). */
  tempPath(suffix: string): string {
    return join(this.tempDir, `${randomUUID()}${suffix}`);
  }

  variantPath(hash: string, size: ArtworkSize): string {
    return join(this.dir, hash.slice(0, 2), `${hash}-${size}.webp`);
  }

  get totalBytes(): number {
    return this.total;
  }

  variantCount(): number {
    return this.db.prepare('SELECT count(*) FROM variants').pluck().get() as number;
  }

  // ---- sources ----

  source(key: string): SourceRow | undefined {
    const r = this.q.getSource.get(key);
    if (!r) return undefined;
    return {
      key: r.key as string,
      hash: r.hash as string,
      etag: (r.etag as string | null) ?? null,
      lastModified: (r.last_modified as string | null) ?? null,
      fetchedAt: r.fetched_at as number,
      localMtimeMs: (r.local_mtime_ms as number | null) ?? null,
      localSize: (r.local_size as number | null) ?? null,
    };
  }

  putSource(row: SourceRow): void {
    this.q.putSource.run(row);
  }

  /** The origin answered 304: the cached original is current as of now. */
  markFetched(key: string): void {
    this.q.sourceFetched.run(this.now(), key);
  }

  /** Some source known to produce this original, to fetch it again after an eviction. */
  sourceOfHash(hash: string): string | undefined {
    return this.q.anySourceOf.get(hash)?.key;
  }

  // ---- variants ----

  variant(hash: string, size: ArtworkSize): VariantRow | undefined {
    return this.q.getVariant.get(hash, size);
  }

  missingSizes(hash: string): ArtworkSize[] {
    const have = new Set(this.q.sizesOf.all(hash).map((r) => r.size));
    return ARTWORK_SIZES.filter((s) => !have.has(s));
  }

  /**
   * Writes the variants of one original: each to a temp name, then renamed into place, then
   * indexed — so a crash leaves either nothing or a whole file under its real name. Evicts
   * least recently used variants if the total passes the cap.
   */
  async putVariants(hash: string, variants: ReadonlyMap<ArtworkSize, Buffer>): Promise<void> {
    mkdirSync(join(this.dir, hash.slice(0, 2)), { recursive: true });
    const written: { size: ArtworkSize; bytes: number; checksum: string }[] = [];
    for (const [size, data] of variants) {
      const temp = this.tempPath('.webp');
      try {
        await writeFile(temp, data);
        await rename(temp, this.variantPath(hash, size));
      } catch (e) {
        await rm(temp, { force: true });
        throw e;
      }
      written.push({ size, bytes: data.length, checksum: sha256(data) });
    }
    if (this.closed) {
      // Closed while resizing: an unindexed file would never be counted or evicted.
      await Promise.all(written.map((w) => rm(this.variantPath(hash, w.size), { force: true })));
      return;
    }
    const at = this.now();
    this.db.transaction(() => {
      for (const w of written) {
        const before = this.q.getVariant.get(hash, w.size);
        if (before) this.total -= before.bytes;
        this.q.putVariant.run(hash, w.size, w.bytes, w.checksum, at, at, ++this.seq);
        this.total += w.bytes;
        this.counters.variantsWritten++;
      }
    })();
    await this.evictOverCap();
  }

  /**
   * The variant's bytes if its file is intact. A file whose checksum does not match the index
   * (damaged on disk) or that is gone is forgotten and reported missing, never returned.
   */
  async readVariant(row: VariantRow): Promise<Buffer | undefined> {
    let data: Buffer;
    try {
      data = await readFile(this.variantPath(row.hash, row.size));
    } catch {
      this.forgetVariant(row);
      return undefined;
    }
    if (data.length !== row.bytes || sha256(data) !== row.checksum) {
      this.counters.corruptDetected++;
      this.forgetVariant(row);
      await rm(this.variantPath(row.hash, row.size), { force: true });
      return undefined;
    }
    return data;
  }

  /** Marks a variant used. Kept in memory and written in batches, so serving stays a read. */
  touch(hash: string, size: ArtworkSize): void {
    this.pendingTouches.set(`${hash}-${size}`, { hash, size, seq: ++this.seq });
    if (this.pendingTouches.size >= TOUCH_FLUSH_COUNT) this.flushTouches();
    else this.flushTimer ??= setTimeout(() => this.flushTouches(), TOUCH_FLUSH_MS).unref();
  }

  flushTouches(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pendingTouches.size === 0 || this.closed) return;
    const at = this.now();
    this.db.transaction(() => {
      for (const t of this.pendingTouches.values()) this.q.touch.run(at, t.seq, t.hash, t.size);
    })();
    this.pendingTouches.clear();
  }

  private forgetVariant(row: { hash: string; size: ArtworkSize }): void {
    if (this.closed) return;
    const r = this.q.getVariant.get(row.hash, row.size);
    if (!r) return;
    this.q.deleteVariant.run(row.hash, row.size);
    this.total -= r.bytes;
  }

  /** Deletes least recently used variants until the total is within the cap. */
  private async evictOverCap(): Promise<void> {
    if (this.total <= this.capBytes) return;
    this.flushTouches();
    const doomed: VariantRow[] = [];
    this.db.transaction(() => {
      while (this.total > this.capBytes) {
        const batch = this.q.oldest.all(64);
        if (batch.length === 0) break;
        for (const v of batch) {
          if (this.total <= this.capBytes) break;
          this.q.deleteVariant.run(v.hash, v.size);
          this.q.pruneSources.run(v.hash, v.hash);
          this.total -= v.bytes;
          doomed.push(v);
        }
      }
    })();
    this.counters.evicted += doomed.length;
    // Rows go first: a file deleted after its row can never be served half-gone.
    await Promise.all(doomed.map((v) => rm(this.variantPath(v.hash, v.size), { force: true })));
  }

  /** After an unclean shutdown: drop rows without files and files without rows. */
  private reconcile(): void {
    const onDisk = new Set<string>();
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !/^[0-9a-f]{2}$/.test(entry.name)) continue;
      for (const file of readdirSync(join(this.dir, entry.name))) onDisk.add(file);
    }
    const indexed = new Set<string>();
    const lost: VariantRow[] = [];
    for (const v of this.q.allVariants.all()) {
      const name = `${v.hash}-${v.size}.webp`;
      indexed.add(name);
      if (!onDisk.has(name)) lost.push(v);
    }
    this.db.transaction(() => lost.forEach((v) => this.q.deleteVariant.run(v.hash, v.size)))();
    for (const file of onDisk) {
      if (!indexed.has(file)) rmSync(join(this.dir, file.slice(0, 2), file), { force: true });
    }
  }

  close(): void {
    if (this.closed) return;
    this.flushTouches();
    this.q.setMeta.run('state', 'closed');
    this.closed = true;
    this.db.close();
  }
}
