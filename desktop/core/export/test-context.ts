import type { Core } from '../core';
import type { Ctx } from '../context';
import { SearchIndexer } from '../search/indexer';
import { CatalogSearch } from '../search/search';
import { Jobs } from '../jobs';

/**
 * A handler context on a test library's connection, for calling export functions the way
 * a command handler would (the core keeps its own context private).
 */
export function contextOf(core: Core): Ctx {
  const { sqlite } = core.library;
  const profileId = sqlite.prepare('SELECT id FROM profiles WHERE is_default = 1').pluck().get() as string;
  return {
    lib: core.library,
    profileId,
    indexer: new SearchIndexer(sqlite),
    search: new CatalogSearch(sqlite, profileId),
    emit: () => {},
    transact: (work) => asCommand(core, work).result,
    jobs: new Jobs(),
  };
}

/** Runs `work` as a command does: one transaction, with the sync ops of its writes captured in it. */
export function asCommand<T>(core: Core, work: () => T): { result: T; ops: number } {
  return core.library.sqlite.transaction(() => {
    const result = work();
    return { result, ops: core.replica.captureLocal() };
  })();
}
