import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { CoreError, type ExportResult, type Handlers } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { exportBackup } from './backup';
import { BACKUP_TABLES } from './backup-format';
import { exportCatalogCsv, exportHistoryCsv, exportListsCsv, exportRatingsCsv } from './csv';
import type { CsvExport } from './csv-writer';
import { exportLetterboxdCsv } from './letterboxd';

/** Written next to the target, then renamed: a crash never leaves half an export under the real name. */
async function writeAtomically(path: string, { text, rows }: CsvExport): Promise<ExportResult> {
  const temp = `${path}.${randomUUID()}.partial`;
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(text);
      // On disk before it takes the real name: a power cut leaves the old file or the new one.
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new CoreError('invalid_argument', `Could not write ${path}: ${(e as Error).message}`, [
      { field: 'path', message: 'not writable' },
    ]);
  }
  return { path, bytes: Buffer.byteLength(text), rows };
}

const CSV_EXPORTS = {
  catalog: exportCatalogCsv,
  history: exportHistoryCsv,
  ratings: exportRatingsCsv,
  lists: exportListsCsv,
};

export function exportHandlers(
  ctx: Ctx,
): Pick<Handlers, 'export.backup' | 'export.csv' | 'export.letterboxd'> {
  return {
    'export.backup': ({ path }) => {
      const backup = exportBackup(ctx);
      const rows = BACKUP_TABLES.reduce((n, table) => n + backup[table].length, 0);
      return writeAtomically(path, { text: JSON.stringify(backup), rows });
    },
    'export.csv': ({ path, what }) => writeAtomically(path, CSV_EXPORTS[what](ctx)),
    'export.letterboxd': ({ path }) => writeAtomically(path, exportLetterboxdCsv(ctx)),
  };
}
