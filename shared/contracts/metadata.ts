import { z } from 'zod';
import { Id } from '../domain';

/** Where metadata enrichment stands; also sent as the `metadata` event whenever it changes. */
export interface MetadataStatus {
  /**
   * `no-key`: no TMDb key set (the app works fully without one); `ok`: idle or working;
   * `offline`, `bad-key`, `rate-limited`, `service-down`: paused, with `message` saying why.
   */
  state: 'no-key' | 'ok' | 'working' | 'offline' | 'bad-key' | 'rate-limited' | 'service-down';
  message: string;
  /** When the queue tries again after a pause. */
  retryAt?: string;
  queued: number;
  done: number;
  notFound: number;
  /** Several equally good candidates: waiting for the person to pick (`metadata.match`). */
  ambiguous: number;
  failed: number;
  language: string;
  region: string;
  progress?: { done: number; total: number };
}

export interface MetadataRunResult {
  refreshed: number;
  notFound: number;
  ambiguous: number;
  failed: number;
  status: MetadataStatus;
}

const Language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language such as en-US or de-DE');
const Region = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter country code such as US or DE');
const LOCKABLE = [
  'title',
  'originalTitle',
  'sortTitle',
  'year',
  'releaseDate',
  'runtimeMinutes',
  'overview',
  'genres',
  'language',
  'certification',
  'externalIds',
  'credits',
  'posterPath',
  'backdropPath',
] as const;

export const metadataCommandInputs = {
  'metadata.status': z.object({}).default({}),
  /** The person's own TMDb key (v3 key or v4 read token; null removes it), metadata language and region. */
  'metadata.configure': z.object({
    tmdbKey: z.string().trim().min(8, 'that is too short for a TMDb key').max(1_000).nullable().optional(),
    /** OMDb, optional second source: used when TMDb has no entry, or when only this key is set. */
    omdbKey: z.string().trim().min(6, 'that is too short for an OMDb key').max(100).nullable().optional(),
    language: Language.optional(),
    region: Region.optional(),
  }),
  /** Queue titles for a refresh (all films and series when no ids are given). */
  'metadata.refresh': z.object({ titleIds: z.array(Id).min(1).max(100_000).optional() }),
  /** Work through the queue now, with progress; stops when it is empty or the service pauses it. */
  'metadata.run': z.object({
    limit: z.number().int().min(1).max(1_000_000).optional(),
    jobId: Id.optional(),
  }),
  /** The person says which TMDb entry a title is (after "ambiguous" or a wrong match). */
  'metadata.match': z.object({ titleId: Id, tmdbId: z.number().int().positive() }),
  /** Lets a refresh fill these fields again. */
  'metadata.unlock': z.object({ titleId: Id, fields: z.array(z.enum(LOCKABLE)).min(1) }),
} satisfies Record<string, z.ZodType>;

export interface MetadataCommandResults {
  'metadata.status': MetadataStatus;
  'metadata.configure': MetadataStatus;
  'metadata.refresh': MetadataStatus;
  'metadata.run': MetadataRunResult;
  'metadata.match': MetadataRunResult;
  'metadata.unlock': { titleId: string; lockedFields: string[] };
}
