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
import { genreHandlers } from './catalog/genres';
import { copyHandlers } from './copies/copies';
import { historyHandlers } from './history/history';
import { listHandlers } from './lists/lists';
import { tagHandlers } from './tags/tags';
import { statsHandlers } from './stats/summary';
import { generateDemoLibrary } from './demo/generate';
import { parseArgs } from './validate';
import { Replica } from './sync/replica';
import { SyncService } from './sync/service';
import type { Ctx } from './context';
import { Jobs } from './jobs';
import { importHandlers } from './import/handlers';
import { exportHandlers } from './export/handlers';
import { scanHandlers } from './scan/handlers';
import { metadataHandlers } from './metadata/handlers';
import { MetadataService, type MetadataOptions } from './metadata/service';
import { settingsHandlers } from './settings/settings';
import { uploadHandlers } from './import/upload';
import { libraryViewHandlers } from './library-views';

export interface Core {
  /** Runs one command: arguments are validated, then the command runs in one transaction. */
  call<C extends CommandName>(command: C, args?: CommandArgs<C>): Promise<CommandResults[C]>;
  /** For doors that receive command names as strings (WebSocket, CLI): unknown names are a CoreError. */
  callByName(command: string, args: unknown): Promise<unknown>;
  on<E extends keyof CoreEvents>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  readonly library: Library;
  /** Sync with a Reelshelf server: sign-in state, `start()` for background sync. */
  readonly sync: SyncService;
  /** The library as a sync replica (tests and diagnostics compare snapshots). */
  readonly replica: Replica;
  /** Metadata enrichment: `start()` works through the queue in the background. */
  readonly metadata: MetadataService;
  close(): void;
}

const isCommand = (name: string): name is CommandName => Object.hasOwn(commandInputs, name);

export interface CoreOptions extends OpenOptions {
  /** The device's clock in ms (Date.now); tests pass a wrong one to check the drift bound. */
  deviceClock?: () => number;
  /** Progress of work done while opening (rebuilding the search index after an upgrade). */
  onProgress?: (progress: CoreEvents['progress']) => void;
  /** Where TMDb is and the key from the environment (defaults: REELSHELF_TMDB_URL, REELSHELF_TMDB_KEY). */
  metadata?: MetadataOptions;
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
      transact: () => {
        throw new Error('transact is set once the replica exists');
      },
      jobs: new Jobs(),
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
  // Capture starts after the index rebuild above, which rewrites no synced field.
  const replica = new Replica(ctx, options.deviceClock);

  /**
   * One transaction: the work's changes and their sync ops commit together or not at all,
   * and doors hear of the changes only after the commit. Commands run in one; long jobs
   * (imports, scans) read and match outside, then write through this.
   */
  function transact<T>(work: () => T): T {
    if (uncommitted) return work();
    uncommitted = [];
    let changes: CoreEvents['changed'][];
    let result: T;
    let ops = 0;
    try {
      result = lib.sqlite.transaction(() => {
        const value = work();
        // A big import turns into hundreds of thousands of ops: say how far that is.
        ops = replica.captureLocal((done, total) => {
          if (total >= 10_000) events.emit('progress', { task: 'sync.prepare', done, total });
        });
        return value;
      })();
    } catch (e) {
      ctx.indexer.forgetSession(); // rolled back: what the indexer learned was not stored
      throw e;
    } finally {
      changes = uncommitted;
      uncommitted = undefined;
    }
    const entities = [...new Set(changes.flatMap((c) => c.entities))];
    if (entities.length) events.emit('changed', { entities });
    if (ops) sync.localChange();
    return result;
  }
  ctx.transact = transact;
  const sync = new SyncService({
    sqlite: lib.sqlite,
    replica,
    changed: (entities) => events.emit('changed', { entities }),
    status: (info) => events.emit('sync', info),
  });

  const metadata = new MetadataService(ctx, {
    baseUrl: process.env.REELSHELF_TMDB_URL || undefined,
    envKey: process.env.REELSHELF_TMDB_KEY || undefined,
    omdbBaseUrl: process.env.REELSHELF_OMDB_URL || undefined,
    omdbEnvKey: process.env.REELSHELF_OMDB_KEY || undefined,
    ...options.metadata,
  });
  // New titles give enrichment work; it starts a moment later, outside the command.
  events.on('changed', ({ entities }: CoreEvents['changed']) => {
    if (entities.includes('titles')) metadata.poke();
  });

  const handlers: Handlers = {
    ...catalogHandlers(ctx),
    ...genreHandlers(ctx),
    ...copyHandlers(ctx),
    ...historyHandlers(ctx),
    ...listHandlers(ctx),
    ...tagHandlers(ctx),
    ...statsHandlers(ctx),
    ...importHandlers(ctx),
    ...exportHandlers(ctx),
    ...scanHandlers(ctx),
    ...metadataHandlers(ctx, metadata),
    ...settingsHandlers(ctx),
    ...uploadHandlers(ctx),
    ...libraryViewHandlers(ctx),
    // Synthetic rows get no ops as they are written (millions of them); a sign-in sends them.
    'library.demo': (o) =>
      replica.withoutCapture(() =>
        generateDemoLibrary(ctx, {
          ...o,
          onProgress: (task, done, total) => ctx.emit('progress', { task, done, total }),
        }),
      ),
    'sync.register': (o) => sync.signIn('register', o),
    'sync.login': (o) => sync.signIn('login', o),
    'sync.logout': () => sync.signOut(),
    'sync.now': () => sync.syncNow(),
    'sync.status': () => sync.status(),
    'sync.devices': () => sync.devices(),
    'sync.revoke': ({ deviceId }) => sync.revoke(deviceId),
  };

  /** Commands that talk to the network manage their own transactions. */
  const outsideTransaction = new Set<CommandName>([
    'sync.register',
    'sync.login',
    'sync.logout',
    'sync.now',
    'sync.devices',
    'sync.revoke',
    // Long jobs: they read and match outside any transaction, then write in one (ctx.transact).
    'import.run',
    'import.upload',
    'import.resolve',
    'export.backup',
    'export.csv',
    'export.letterboxd',
    'jobs.cancel',
    'scan.run',
    'metadata.run',
    'metadata.match',
  ]);

  function run(command: string, args: unknown): unknown {
    if (!isCommand(command)) {
      throw new CoreError('unknown_command', `Unknown command "${command}".`, [
        { field: 'command', message: 'unknown' },
      ]);
    }
    const parsed = parseArgs(command, commandInputs[command], args);
    const handler = handlers[command] as (a: unknown) => unknown;
    if (outsideTransaction.has(command)) return handler(parsed);
    return transact(() => handler(parsed));
  }

  return {
    library: lib,
    replica,
    call: async (command, args) => run(command, args) as CommandResults[typeof command],
    callByName: async (command, args) => run(command, args),
    on(event, listener) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    sync,
    metadata,
    close: () => {
      sync.stop();
      metadata.stop();
      lib.sqlite.close();
    },
  };
}
