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

export const newId = (): string => crypto.randomUUID();
export const now = (): string => new Date().toISOString();
