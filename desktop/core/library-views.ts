import type { Handlers, LibraryViewCommandResults } from '@reelshelf/shared/contracts';
import type { Ctx } from './context';
import { chartHandlers } from './stats/charts';
import { seriesHandlers } from './series/series';
import { discoverHandlers } from './discover/discover';
import { similarHandlers } from './catalog/similar';

/** The views a UI builds screens from (shared/contracts/library-views.ts): one group for core.ts. */
export function libraryViewHandlers(ctx: Ctx): Pick<Handlers, keyof LibraryViewCommandResults> {
  return {
    ...chartHandlers(ctx),
    ...seriesHandlers(ctx),
    ...discoverHandlers(ctx),
    ...similarHandlers(ctx),
  };
}
