/**
 * import.upload: a door without file paths (a sandboxed page, the browser) hands over the
 * file's bytes. They go into a private temp folder under the file's own name — the format
 * is told by the name, and the report names the file by it — then the import is exactly
 * import.run's, and the folder is removed whatever happens.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreError, MAX_UPLOAD_BYTES, type Handlers } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { importFile } from './handlers';

/** Errors about the temp file speak of the file the person picked. */
function asUploaded(e: unknown, dir: string, name: string): unknown {
  if (!(e instanceof CoreError)) return e;
  const own = (text: string) => text.split(join(dir, name)).join(name).split(dir).join('(upload)');
  return new CoreError(
    e.code,
    own(e.message),
    e.issues.map((i) => ({ field: i.field === 'path' ? 'name' : i.field, message: own(i.message) })),
  );
}

export function uploadHandlers(ctx: Ctx): Pick<Handlers, 'import.upload'> {
  return {
    'import.upload': async ({ name, contentBase64, ...options }) => {
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length > MAX_UPLOAD_BYTES) {
        const message = `the file is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MiB; import it by path instead`;
        throw new CoreError('invalid_argument', `import.upload: contentBase64: ${message}`, [
          { field: 'contentBase64', message },
        ]);
      }
      // mkdtemp makes the folder readable by this user only (0700).
      const dir = await mkdtemp(join(tmpdir(), 'reelshelf-upload-'));
      try {
        const path = join(dir, name);
        await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
        return await importFile(ctx, { ...options, path });
      } catch (e) {
        throw asUploaded(e, dir, name);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
