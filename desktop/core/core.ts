import { EventEmitter } from 'node:events';
import {
  commandInputs,
  CoreError,
  type CommandArgs,
  type CommandName,
  type CommandResults,
  type CoreEvents,
  type Handlers,
} from '@reelshelf/shared/contracts';
import { openLibrary, type Library, type OpenOptions } from './db/open';
import { SearchIndexer } from './search/indexer';
import { CatalogSearch } from './search/search';
import { ensureDefaultProfile } from './profiles/default-profile';
import { catalogHandlers } from './catalog/titles';
import { copyHandlers } from './copies/copies';
import { historyHandlers } from './history/history';
import { listHandlers } from './lists/lists';
import { tagHandlers } from './tags/tags';
import { statsHandlers } from './stats/summary';
import { generateDemoLibrary } from './demo/generate';
import { parseArgs } from './validate';
import type { Ctx } from './context';

export interface Core {
  /** Runs one command: arguments are validated, then the command runs in one transaction. */
  call<C extends CommandName>(command: C, args?: CommandArgs<C>): Promise<CommandResults[C]>;
  /** For doors that receive command names as strings (WebSocket, CLI): unknown names are a CoreError. */
  callByName(command: string, args: unknown): Promise<unknown>;
  on<E extends keyof CoreEvents>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  readonly library: Library;
  close(): void;
}

const isCommand = (name: string): name is CommandName => Object.hasOwn(commandInputs, name);

export function openCore(dbPath: string, options: OpenOptions = {}): Core {
  const lib = openLibrary(dbPath, options);
  const events = new EventEmitter();
  let ctx: Ctx;
  try {
    const profileId = ensureDefaultProfile(lib);
    ctx = {
      lib,
      profileId,
      indexer: new SearchIndexer(lib.sqlite),
      search: new CatalogSearch(lib.sqlite, profileId),
      emit: (event, payload) => events.emit(event, payload),
    };
    if (!ctx.indexer.isCurrent()) {
      lib.sqlite.transaction(() =>
        ctx.indexer.rebuildAll((done, total) => ctx.emit('progress', { task: 'search.index', done, total })),
      )();
    }
  } catch (e) {
    lib.sqlite.close();
    throw e;
  }

  const handlers: Handlers = {
    ...catalogHandlers(ctx),
    ...copyHandlers(ctx),
    ...historyHandlers(ctx),
    ...listHandlers(ctx),
    ...tagHandlers(ctx),
    ...statsHandlers(ctx),
    'library.demo': (o) =>
      generateDemoLibrary(ctx, {
        ...o,
        onProgress: (task, done, total) => ctx.emit('progress', { task, done, total }),
      }),
  };

  function run(command: string, args: unknown): unknown {
    if (!isCommand(command)) {
      throw new CoreError('unknown_command', `Unknown command "${command}".`, [
        { field: 'command', message: 'unknown' },
      ]);
    }
    const parsed = parseArgs(command, commandInputs[command], args);
    const handler = handlers[command] as (a: unknown) => unknown;
    return lib.sqlite.transaction(() => handler(parsed))();
  }

  return {
    library: lib,
    call: async (command, args) => run(command, args) as CommandResults[typeof command],
    callByName: async (command, args) => run(command, args),
    on(event, listener) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    close: () => lib.sqlite.close(),
  };
}
