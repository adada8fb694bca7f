import { v7 as uuidv7 } from 'uuid';
import type { CoreEvents } from '@reelshelf/shared/contracts';
import type { Library } from './db/open';
import type { CatalogSearch } from './search/search';
import type { SearchIndexer } from './search/indexer';

/** What every handler gets: the open library, the active profile and a way to tell the doors. */
export interface Ctx {
  lib: Library;
  profileId: string;
  search: CatalogSearch;
  indexer: SearchIndexer;
  emit<E extends keyof CoreEvents>(event: E, payload: CoreEvents[E]): void;
}

/**
 * UUIDv7: unique across devices (the sync identity) and time-ordered, so new rows land at
 * the end of each primary-key B-tree instead of at random pages (bulk inserts ~2x faster).
 */
export const newId = (): string => uuidv7();
export const now = (): string => new Date().toISOString();
