import { z } from 'zod';
import { Id } from '../domain';

/** A folder as the person typed it; resolved against the working directory by the core. */
const FolderPath = z.string().trim().min(1, 'a folder path is needed').max(4_096);

/** Commands of the library folder scan (desktop/core/scan). */
export const scanCommandInputs = {
  /** Adds a library folder; it must exist and be a folder. Scanning is `scan.run`. */
  'scan.addFolder': z.object({ path: FolderPath }),
  /** Forgets a library folder: the copies its files became are removed, the titles stay. */
  'scan.removeFolder': z.object({ path: FolderPath }),
  'scan.folders': z.object({}).default({}),
  /** Scans every library folder, or one (a library folder or a folder inside one). */
  'scan.run': z
    .object({
      path: FolderPath.optional(),
      /** Lets a door cancel the scan with `jobs.cancel`; a cancelled scan writes nothing. */
      jobId: Id.optional(),
    })
    .default({}),
  /** Files a scan found but could not tie to a title, and why. */
  'scan.problems': z
    .object({
      limit: z.number().int().min(1).max(10_000).default(500),
      offset: z.number().int().min(0).default(0),
    })
    .default({ limit: 500, offset: 0 }),
} satisfies Record<string, z.ZodType>;

export interface ScanFolder {
  id: string;
  path: string;
  addedAt: string;
  lastScanAt: string | null;
  /** Media files (and disc structures) known under it, still present. */
  files: number;
  /** Of those, files not tied to a title. */
  unmatched: number;
}

/** A folder the scan could not go through; the rest of the scan went on. */
export interface ScanProblem {
  path: string;
  kind: 'unreadable' | 'loop' | 'duplicate' | 'unreachable' | 'vanished';
  reason: string;
}

export interface ScanReport {
  /** Library folders scanned (or the one folder asked for). */
  folders: string[];
  /** Media files and disc structures found (samples and extras not counted). */
  filesSeen: number;
  new: number;
  /** Same path, different size or modification time: identified again. */
  changed: number;
  unchanged: number;
  /** Same name and size at a new path: the copy followed the file. */
  moved: number;
  /** Known files no longer found: their copies were removed (see docs/SCAN.md). */
  missing: number;
  /** Samples, trailers and extras passed over. */
  skipped: number;
  /** Copies this scan linked to a title (created or kept on a re-identification). */
  linked: number;
  /** Copies removed (missing or re-identified files). */
  copiesRemoved: number;
  titlesCreated: number;
  /** Files kept without a title: the name says too little, or several titles fit. */
  unmatched: { path: string; reason: string }[];
  problems: ScanProblem[];
  /**
   * Artwork lying next to media that was (re)identified this scan, for the artwork cache:
   * `poster.jpg`, `folder.jpg`, `fanart.jpg`, `<name>-poster.jpg`…
   */
  artwork: { titleId: string; path: string; images: string[] }[];
  durationMs: number;
}

export interface ScanFileProblem {
  path: string;
  folder: string;
  size: number;
  reason: string;
}

export interface ScanCommandResults {
  'scan.addFolder': ScanFolder;
  'scan.removeFolder': { removed: true; copiesRemoved: number };
  'scan.folders': ScanFolder[];
  'scan.run': ScanReport;
  'scan.problems': { total: number; items: ScanFileProblem[] };
}
