import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { CoreError } from '@reelshelf/shared/contracts';
import { isZip, readZip } from './archive';

const dir = mkdtempSync(join(tmpdir(), 'reelshelf-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function write(bytes: Buffer, name = `archive-${++counter}.zip`): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function zipOf(entries: Record<string, string | Buffer>, options: { compress?: boolean } = {}) {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(content), name, { compress: options.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Offsets of every record with this signature (the test archives hold no such bytes in their data). */
function offsetsOf(zip: Buffer, signature: number): number[] {
  const found: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (zip.readUInt32LE(i) === signature) found.push(i);
  return found;
}

function replaceAll(zip: Buffer, from: string, to: string): Buffer {
  expect(from.length).toBe(to.length);
  return Buffer.from(zip.toString('latin1').split(from).join(to), 'latin1');
}

async function refusal(path: string, limits = {}): Promise<CoreError> {
  const error = await readZip(path, { want: () => true, limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  expect((error as CoreError).code).toBe('invalid_argument');
  return error as CoreError;
}

const everything = { want: () => true };

describe('readZip', () => {
  it('returns the wanted files named inside the archive and lists the rest as skipped', async () => {
    const path = write(
      await zipOf({
        'export/': '',
        'export/watched-history.json': '[{"id":1}]',
        'export/user-settings.json': '{"email":"me@example.com"}',
        'export/ratings-movies.json': '[]',
      }),
      'export.zip',
    );
    const { files, skipped } = await readZip(path, { want: (name) => !name.includes('user-') });
    expect(files.map((f) => f.name)).toEqual([
      'export.zip/export/watched-history.json',
      'export.zip/export/ratings-movies.json',
    ]);
    expect(files[0]!.bytes.toString()).toBe('[{"id":1}]');
    expect(skipped).toEqual(['export/user-settings.json']);
  });

  it('never decompresses an entry the caller does not want (its damaged data goes unnoticed)', async () => {
    const secret = 'x'.repeat(5000);
    let zip = await zipOf({ 'user-settings.json': secret, 'ok.json': '[]' });
    // Destroy the deflated bytes of the unwanted entry: reading it would fail.
    const local = offsetsOf(zip, LOCAL_HEADER)[0]!;
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    zip = Buffer.from(zip);
    zip.fill(0xff, dataStart, dataStart + 20);
    const { files, skipped } = await readZip(write(zip), { want: (name) => name === 'ok.json' });
    expect(files.map((f) => f.bytes.toString())).toEqual(['[]']);
    expect(skipped).toEqual(['user-settings.json']);
  });

  it('reads stored (uncompressed) entries and empty archives', async () => {
    const stored = await readZip(write(await zipOf({ 'a.json': '[1]' }, { compress: false })), everything);
    expect(stored.files[0]!.bytes.toString()).toBe('[1]');
    const empty = await readZip(write(await zipOf({})), everything);
    expect(empty).toEqual({ files: [], skipped: [] });
  });

  it('refuses an archive with more entries than the limit, before reading any of them', async () => {
    const path = write(await zipOf({ 'a.json': '1', 'b.json': '2', 'c.json': '3', 'd.json': '4' }));
    const error = await refusal(path, { maxEntries: 3 });
    expect(error.message).toMatch(/holds 4 files; Reelshelf reads at most 3/);
    await expect(readZip(path, { ...everything, limits: { maxEntries: 4 } })).resolves.toBeTruthy();
  });

  it('refuses a file whose declared size is above the per-file limit without decompressing it', async () => {
    let zip = await zipOf({ 'big.json': randomBytes(3000).toString('hex') });
    // Garbage in the compressed data: a refusal that mentions the size proves nothing was inflated.
    const local = offsetsOf(zip, LOCAL_HEADER)[0]!;
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    zip = Buffer.from(zip);
    zip.fill(0xff, dataStart, dataStart + 50);
    const error = await refusal(write(zip, 'export.zip'), { maxFileBytes: 5000 });
    expect(error.message).toBe(
      'export.zip: big.json is 5.9 KiB unpacked; Reelshelf reads files of at most 4.9 KiB',
    );
  });

  it('refuses archives whose files together are above the total limit', async () => {
    const path = write(
      await zipOf({
        'a.json': randomBytes(1500).toString('hex'),
        'b.json': randomBytes(1500).toString('hex'),
      }),
    );
    const error = await refusal(path, { maxTotalBytes: 5000 });
    expect(error.message).toMatch(/would unpack to more than 4\.9 KiB/);
    await expect(
      readZip(path, { want: (n) => n === 'a.json', limits: { maxTotalBytes: 5000 } }),
    ).resolves.toMatchObject({
      skipped: ['b.json'],
    });
  });

  it('refuses a real ZIP bomb (300 MB of zeros in ~300 KB) from its header alone, quickly', async () => {
    const zip = new yazl.ZipFile();
    const megabyte = Buffer.alloc(1024 * 1024);
    let sent = 0;
    zip.addReadStream(
      new Readable({
        read() {
          this.push(sent++ < 300 ? megabyte : null);
        },
      }),
      'watched-history.json',
    );
    zip.end();
    const path = join(dir, 'bomb.zip');
    await finished(zip.outputStream.pipe(createWriteStream(path)));

    const started = performance.now();
    const error = await refusal(path);
    expect(error.message).toMatch(
      /^bomb\.zip looks like a ZIP bomb: watched-history\.json would expand from \d+(\.\d)? KiB to 300 MiB$/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  }, 30_000);

  it('lets a small, very compressible file through (the ratio rule starts above 1 MiB)', async () => {
    const { files } = await readZip(write(await zipOf({ 'list.json': ' '.repeat(900_000) })), everything);
    expect(files[0]!.bytes.length).toBe(900_000);
    const error = await refusal(write(await zipOf({ 'list.json': ' '.repeat(2_000_000) })));
    expect(error.message).toMatch(/looks like a ZIP bomb/);
  });

  it('refuses encrypted archives with a message that says what to do', async () => {
    let zip = Buffer.from(await zipOf({ 'watched-history.json': '[{"id":1}]' }));
    for (const at of offsetsOf(zip, CENTRAL_HEADER)) zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    for (const at of offsetsOf(zip, LOCAL_HEADER)) zip.writeUInt16LE(zip.readUInt16LE(at + 6) | 1, at + 6);
    zip = Buffer.from(zip);
    const error = await refusal(write(zip, 'export.zip'));
    expect(error.message).toBe(
      'export.zip is encrypted (password-protected); export it again without a password',
    );
  });

  it.each([
    ['xx/evil.json', 'xx', '..', '../evil.json'],
    ['Xetc/passwd', 'Xetc', '/etc', '/etc/passwd'],
    ['C-/x/evil.json', 'C-', 'C:', 'C:/x/evil.json'],
  ])('refuses an entry named to escape its folder (%s → %s)', async (name, from, to, shown) => {
    const zip = replaceAll(await zipOf({ [name]: '[]', 'ok.json': '[]' }), from, to);
    const error = await refusal(write(zip));
    expect(error.message).toContain(`"${shown}" that points outside the archive's folder`);
  });

  it('stops an entry whose data is larger than its header declares', async () => {
    const real = randomBytes(50_000).toString('hex');
    const zip = Buffer.from(await zipOf({ 'ratings-movies.json': real }));
    // Lie in the central directory: 1,000 bytes instead of 100,000.
    for (const at of offsetsOf(zip, CENTRAL_HEADER)) zip.writeUInt32LE(1000, at + 24);
    const error = await refusal(write(zip, 'export.zip'), { maxFileBytes: 10_000 });
    expect(error.message).toBe(
      'export.zip is damaged or was tampered with: ratings-movies.json holds more data than its header says',
    );
  });

  it('notices damaged data: a wrong checksum and a corrupt deflate stream', async () => {
    const stored = Buffer.from(await zipOf({ 'a.json': '[1,2,3]' }, { compress: false }));
    const local = offsetsOf(stored, LOCAL_HEADER)[0]!;
    const dataStart = local + 30 + stored.readUInt16LE(local + 26) + stored.readUInt16LE(local + 28);
    stored[dataStart + 1] = '9'.charCodeAt(0);
    expect((await refusal(write(stored, 'export.zip'))).message).toBe(
      'export.zip is damaged: a.json does not match its checksum',
    );

    const deflated = Buffer.from(await zipOf({ 'a.json': randomBytes(2000).toString('base64') }));
    const at = offsetsOf(deflated, LOCAL_HEADER)[0]!;
    const start = at + 30 + deflated.readUInt16LE(at + 26) + deflated.readUInt16LE(at + 28);
    deflated.fill(0xff, start, start + 40);
    expect((await refusal(write(deflated, 'export.zip'))).message).toMatch(
      /^export\.zip is (damaged|incomplete or damaged): a\.json/,
    );
  });

  it('explains a damaged list of files', async () => {
    const zip = Buffer.from(await zipOf({ 'a.json': '[]', 'b.json': '[]' }));
    const second = offsetsOf(zip, CENTRAL_HEADER)[1]!;
    zip.writeUInt32LE(0xdeadbeef, second);
    const error = await refusal(write(zip, 'export.zip'));
    expect(error.message).toMatch(/^export\.zip is damaged: its list of files cannot be read/);
  });

  it('explains a truncated download, a file that is not a ZIP, and a missing file', async () => {
    const whole = await zipOf({ 'watched-history.json': randomBytes(4000).toString('hex') });
    const cut = await refusal(write(whole.subarray(0, Math.floor(whole.length / 2)), 'export.zip'));
    expect(cut.message).toBe(
      'export.zip is incomplete or damaged: the end of the archive is missing (was the download cut off?)',
    );

    const text = await refusal(write(Buffer.from('title,year\nThe Matrix,1999\n'), 'ratings.zip'));
    expect(text.message).toBe('ratings.zip is not a ZIP archive');

    const empty = await refusal(write(Buffer.alloc(0), 'empty.zip'));
    expect(empty.message).toBe('empty.zip is not a ZIP archive');

    await expect(readZip(join(dir, 'nowhere.zip'), everything)).rejects.toMatchObject({
      code: 'not_found',
      message: 'nowhere.zip was not found',
    });
  });
});

describe('isZip', () => {
  it('recognises ZIPs and empty ZIPs by their magic bytes, from bytes or a path', async () => {
    const zip = await zipOf({ 'a.json': '[]' });
    const empty = await zipOf({});
    expect(isZip(zip)).toBe(true);
    expect(isZip(empty)).toBe(true);
    expect(isZip(write(zip))).toBe(true);
    expect(isZip(Buffer.from('[{"watched_at":"2024-01-01"}]'))).toBe(false);
    expect(isZip(Buffer.from('PK'))).toBe(false);
    expect(isZip(write(Buffer.from('<movie></movie>')))).toBe(false);
  });
});
