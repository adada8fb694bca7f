import { z } from 'zod';
import { Id } from '../domain';

export const IMPORT_FORMATS = ['letterboxd', 'imdb', 'trakt', 'nfo', 'csv', 'backup'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const FilePath = z.string().trim().min(1, 'a file path is needed').max(4_096);

export const ImportRun = z.object({
  /** A file or a ZIP; a folder of NFO files works too. */
  path: FilePath,
  /** Detected from the file's names and headers when left out. */
  format: z.enum(IMPORT_FORMATS).optional(),
  /** For `csv`: which column holds what (see `desktop/core/import/formats/generic-csv.ts`). */
  mapping: z.record(z.string(), z.unknown()).optional(),
  /** Read and match everything, report what would happen, write nothing. */
  dryRun: z.boolean().default(false),
  /** Lets a door cancel the import with `jobs.cancel`. */
  jobId: Id.optional(),
});

export const EXPORT_TABLES = ['catalog', 'history', 'ratings', 'lists'] as const;

export const importCommandInputs = {
  'import.run': ImportRun,
  'import.history': z
    .object({ limit: z.number().int().min(1).max(1_000).default(20) })
    .default({ limit: 20 }),
  'import.unmatched': z
    .object({
      importId: Id.optional(),
      limit: z.number().int().min(1).max(10_000).default(100),
      offset: z.number().int().min(0).default(0),
    })
    .default({ limit: 100, offset: 0 }),
  /** The person says which title an unmatched row meant: its facts are applied to it. */
  'import.resolve': z.object({ id: Id, titleId: Id }),
  'import.dismiss': z.object({ id: Id }),
  'export.backup': z.object({ path: FilePath }),
  'export.csv': z.object({ path: FilePath, what: z.enum(EXPORT_TABLES) }),
  'export.letterboxd': z.object({ path: FilePath }),
  'jobs.cancel': z.object({ jobId: Id }),
} satisfies Record<string, z.ZodType>;

/** What one row of a file became. */
export interface RowCounts {
  read: number;
  /** Rows that added something (a title, a watch, a rating, a list entry…). */
  created: number;
  /** Rows that changed something that was there (a newer rating) and added nothing. */
  updated: number;
  /** Rows whose every fact was already in the library. */
  unchanged: number;
  /** Rows kept in the review queue: no title could be chosen for them. */
  unmatched: number;
  /** Rows that could not be read; each is listed with file, line and reason. */
  rejected: number;
}

export interface ImportReport {
  /** null for a dry run (nothing was recorded). */
  importId: string | null;
  format: ImportFormat;
  source: string;
  dryRun: boolean;
  rows: RowCounts;
  /** Rows written per table: created and updated. */
  changes: Record<string, { created: number; updated: number }>;
  rejected: { file: string; line: number; reason: string }[];
  unmatched: { id: string | null; file: string; line: number; reason: string }[];
  /** Files in a ZIP that were not read, and why (e.g. `user-settings.json: account data, never read`). */
  skippedFiles: string[];
  durationMs: number;
}

export interface UnmatchedRow {
  id: string;
  importId: string;
  file: string;
  line: number;
  reason: string;
  /** The original row, verbatim. */
  raw: unknown;
  /** What the row was read as: title, year, ids. */
  title: { kind: string; title: string | null; year: number | null; ids: Record<string, unknown> };
  candidates: { id: string; title: string; year: number | null; kind: string }[];
}

export interface ImportSummary {
  id: string;
  format: ImportFormat;
  source: string;
  startedAt: string;
  rows: RowCounts;
}

export interface ExportResult {
  path: string;
  bytes: number;
  rows: number;
}

export interface ImportCommandResults {
  'import.run': ImportReport;
  'import.history': ImportSummary[];
  'import.unmatched': { total: number; items: UnmatchedRow[] };
  'import.resolve': ImportReport;
  'import.dismiss': { removed: true };
  'export.backup': ExportResult;
  'export.csv': ExportResult;
  'export.letterboxd': ExportResult;
  'jobs.cancel': { cancelled: boolean };
}
