/** For import tests: export files written the way services write them. */
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** A text file in `dir`; returns its path. */
export function textFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A ZIP at `path` holding `entries` (entry name → text, or a file on disk to add). */
export async function zipFile(
  path: string,
  entries: Record<string, string | { fromFile: string }>,
): Promise<string> {
  const zip = new ZipFile();
  for (const [entry, content] of Object.entries(entries)) {
    if (typeof content === 'string') zip.addBuffer(Buffer.from(content), entry);
    else zip.addFile(content.fromFile, entry);
  }
  zip.end();
  await finished(zip.outputStream.pipe(createWriteStream(path)));
  return path;
}
