import { z } from 'zod';
import { ImportRun, type ImportReport } from './import';

import { MAX_UPLOAD_BASE64, MAX_UPLOAD_BYTES } from './limits';

export { MAX_UPLOAD_BYTES } from './limits';

/**
 * An import of a file's bytes, for doors that have no paths (a sandboxed page, the browser):
 * the same options and report as `import.run`, the file named by its original name.
 */
export const ImportUpload = ImportRun.omit({ path: true }).extend({
  /** The file's name as picked ("letterboxd-me.zip"): the format is told by it, and the report shows it. */
  name: z
    .string()
    .trim()
    .min(1, 'the file name is needed')
    .max(255)
    .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'expected a file name, not a path'),
  /** The file's bytes, base64 (standard alphabet, padded), at most 48 MiB decoded. */
  contentBase64: z
    .string()
    .max(
      MAX_UPLOAD_BASE64,
      `the file is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MiB; import it by path instead`,
    )
    .base64('expected the file content as base64'),
});

export const uploadCommandInputs = {
  'import.upload': ImportUpload,
} satisfies Record<string, z.ZodType>;

export interface UploadCommandResults {
  'import.upload': ImportReport;
}
