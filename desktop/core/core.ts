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

export interface CoreOptions extends OpenOptions {
  /** Progress of work done while opening (rebuilding the search index after an upgrade). */
  onProgress?: (progress: CoreEvents['progress']) => void;
}

export function openCore(dbPath: string, options: CoreOptions = {}): Core {
  const lib = openLibrary(dbPath, options);
  const events = new EventEmitter();
  /** 'changed' events of the running command, sent only once its transaction has committed. */
  let uncommitted: CoreEvents['changed'][] | undefined;
  let ctx: Ctx;
  try {
    const profileId = ensureDefaultProfile(lib);
    ctx = {
      lib,
      profileId,
      indexer: new SearchIndexer(lib.sqlite),
      search: new CatalogSearch(lib.sqlite, profileId),
      emit: (event, payload) => {
        if (event === 'changed' && uncommitted) uncommitted.push(payload as CoreEvents['changed']);
        else events.emit(event, payload);
      },
    };
    if (!ctx.indexer.isCurrent()) {
      lib.sqlite.transaction(() =>
        ctx.indexer.rebuildAll((done, total) => options.onProgress?.({ task: 'search.index', done, total })),
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
    uncommitted = [];
    let changes: CoreEvents['changed'][];
    let result: unknown;
    try {
      result = lib.sqlite.transaction(() => handler(parsed))();
    } finally {
      changes = uncommitted;
      uncommitted = undefined;
    }
    // A refused command changed nothing, so doors hear of changes only after the commit.
    const entities = [...new Set(changes.flatMap((c) => c.entities))];
    if (entities.length) events.emit('changed', { entities });
    return result;
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
