import { z } from 'zod';
import {
  CopyInput,
  CopyPatch,
  CreditInput,
  CreditsSet,
  Id,
  IsoDate,
  ListCreate,
  ListPatch,
  ReviewPatch,
  ListItemAdd,
  Loan,
  RatingInput,
  ReviewInput,
  SystemList,
  Tag,
  TitleInput,
  TitlePatch,
  WatchInput,
  WatchStatus,
  checkedRanges,
  SEARCH_FILTER_FIELDS,
} from '../domain';
export { SEARCH_SORTS } from '../domain';
import { DeviceName, Email, Password } from '../sync/api';
import { importCommandInputs, type ImportCommandResults } from './import';
import { scanCommandInputs, type ScanCommandResults } from './scan';
import { metadataCommandInputs, type MetadataCommandResults, type MetadataStatus } from './metadata';
import { settingsCommandInputs, type SettingsCommandResults } from './settings';
import { uploadCommandInputs, type UploadCommandResults } from './upload';
import { libraryViewCommandInputs, type LibraryViewCommandResults } from './library-views';
import type {
  Credit,
  List,
  ListItem,
  OwnedCopy,
  Review,
  Title,
  WatchEvent,
  WatchStatus as WatchStatusT,
  TitleKind as TitleKindT,
} from '../domain';

const ById = z.object({ id: Id });

/** A list is named by its id or, for system lists, by its key ("watchlist"). */
const ListRef = z.union([SystemList, Id]);

export const SearchQuery = checkedRanges(
  z.object({
    ...SEARCH_FILTER_FIELDS,
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  }),
);
export type SearchQuery = z.input<typeof SearchQuery>;

export const DemoInput = z.object({
  titles: z.number().int().min(1).max(200_000).default(2_000),
  seed: z.number().int().min(0).default(42),
  /** Average credits per title; the benchmark asks for 3 (300k credits on 100k titles). */
  creditsPerTitle: z.number().min(1).max(50).optional(),
  watchEvents: z.number().int().min(0).max(10_000_000).optional(),
  /** Give some series seasons and episodes (off when a benchmark needs exact title counts). */
  episodes: z.boolean().default(true),
});

export const SyncSignIn = z.object({
  server: z.url({
    protocol: /^https?$/,
    error: 'expected the sync server address, e.g. https://sync.example.org',
  }),
  email: Email,
  password: Password,
  /** Shown in the device list; the computer's name when left out. */
  deviceName: DeviceName.optional(),
});

/** Every command: its name and the zod schema its arguments must pass. */
export const commandInputs = {
  'catalog.add': TitleInput.extend({ credits: z.array(CreditInput).max(2_000).default([]) }),
  'catalog.update': TitlePatch,
  'catalog.remove': ById,
  'catalog.get': ById,
  'catalog.search': SearchQuery,
  'catalog.suggest': z.object({
    prefix: z.string().trim().min(1, 'type at least one letter').max(100),
    limit: z.number().int().min(1).max(50).default(8),
  }),
  'catalog.setCredits': CreditsSet,
  'copies.add': CopyInput,
  'copies.update': CopyPatch,
  'copies.remove': ById,
  'copies.list': z.object({ titleId: Id.optional(), onLoan: z.boolean().optional() }),
  'copies.lend': z.object({ id: Id, loan: Loan }),
  'copies.return': ById,
  'watch.add': WatchInput,
  'watch.remove': ById,
  'watch.list': z.object({ titleId: Id.optional(), limit: z.number().int().min(1).max(10_000).default(100) }),
  'watch.setStatus': z.object({ titleId: Id, status: WatchStatus.nullable() }),
  'ratings.set': RatingInput,
  'ratings.clear': z.object({ titleId: Id }),
  'reviews.add': ReviewInput,
  'reviews.update': ReviewPatch,
  'reviews.remove': ById,
  'reviews.list': z.object({ titleId: Id }),
  'lists.all': z.object({}).default({}),
  'lists.create': ListCreate,
  'lists.update': ListPatch,
  'lists.remove': ById,
  'lists.items': z.object({ list: ListRef }),
  'lists.add': ListItemAdd.omit({ listId: true }).extend({ list: ListRef }),
  'lists.removeItem': z.object({ list: ListRef, titleId: Id }),
  'lists.move': z.object({ list: ListRef, titleId: Id, position: z.number().int().min(0) }),
  /** A list item's note, trimmed; null or only spaces clears it. */
  'lists.setNote': z.object({
    list: ListRef,
    titleId: Id,
    // Trimmed before the length check; the same limit as a note given to lists.add.
    note: z.string().trim().max(5_000).nullable(),
  }),
  'tags.add': z.object({ titleId: Id, tag: Tag }),
  'tags.remove': z.object({ titleId: Id, tag: Tag }),
  'tags.all': z.object({}).default({}),
  'catalog.genres': z.object({}).default({}),
  'stats.summary': z.object({ since: IsoDate.optional() }).default({}),
  'library.demo': DemoInput,
  'sync.register': SyncSignIn,
  'sync.login': SyncSignIn,
  'sync.logout': z.object({}).default({}),
  'sync.now': z.object({}).default({}),
  'sync.status': z.object({}).default({}),
  'sync.devices': z.object({}).default({}),
  'sync.revoke': z.object({ deviceId: z.uuid('expected a device id from `reelshelf sync devices`') }),
  ...importCommandInputs,
  ...scanCommandInputs,
  ...metadataCommandInputs,
  ...settingsCommandInputs,
  ...uploadCommandInputs,
  ...libraryViewCommandInputs,
} satisfies Record<string, z.ZodType>;

export type CommandName = keyof typeof commandInputs;
export type CommandArgs<C extends CommandName> = z.input<(typeof commandInputs)[C]>;
export type ParsedArgs<C extends CommandName> = z.output<(typeof commandInputs)[C]>;

export interface TitleSummary {
  id: string;
  kind: TitleKindT;
  title: string;
  originalTitle: string | null;
  year: number | null;
  genres: string[];
  rating: number | null;
  watchCount: number;
  lastWatchedOn: string | null;
  formats: string[];
}

export interface TitleDetails extends Title {
  credits: Credit[];
  copies: OwnedCopy[];
  watchCount: number;
  lastWatchedOn: string | null;
  /** Watched at least once with no date known. */
  watchedUndated: boolean;
  rating: number | null;
  status: WatchStatusT | null;
  tags: string[];
  lists: { id: string; name: string }[];
  reviews: Review[];
  /** From the metadata provider: keywords, age rating per country, where to watch per region. */
  keywords: string[];
  certifications: Record<string, string>;
  providers: { region: string; offer: string; provider: string }[];
  /** The last metadata refresh of this title on this device (null: never, or not a film or series). */
  metadata: { state: string; refreshedAt: string | null; matchedBy: string | null } | null;
}

export interface SearchResult {
  total: number;
  items: TitleSummary[];
  /** Query words that were not in the library and what was searched instead. */
  corrections: { from: string; to: string[] }[];
}

export interface StatsSummary {
  titles: Record<TitleKindT, number>;
  copies: {
    total: number;
    byFormat: Partial<Record<string, number>>;
    onLoan: number;
    value: Record<string, string>;
  };
  watches: { events: number; distinctTitles: number; undated: number; rewatches: number; minutes: number };
  ratings: { count: number; average: number | null };
  lists: number;
  reviews: number;
}

export interface CommandResults
  extends
    ImportCommandResults,
    ScanCommandResults,
    MetadataCommandResults,
    SettingsCommandResults,
    UploadCommandResults,
    LibraryViewCommandResults {
  'catalog.add': TitleDetails;
  'catalog.update': TitleDetails;
  'catalog.remove': { removed: true };
  'catalog.get': TitleDetails;
  'catalog.search': SearchResult;
  'catalog.suggest': { id: string; title: string; year: number | null; kind: TitleKindT }[];
  'catalog.setCredits': Credit[];
  'copies.add': OwnedCopy;
  'copies.update': OwnedCopy;
  'copies.remove': { removed: true };
  'copies.list': OwnedCopy[];
  'copies.lend': OwnedCopy;
  'copies.return': OwnedCopy;
  'watch.add': WatchEvent;
  'watch.remove': { removed: true };
  'watch.list': WatchEvent[];
  'watch.setStatus': { titleId: string; status: WatchStatusT | null };
  'ratings.set': { titleId: string; stars: number };
  'ratings.clear': { titleId: string; stars: null };
  'reviews.add': Review;
  'reviews.update': Review;
  'reviews.remove': { removed: true };
  'reviews.list': Review[];
  'lists.all': List[];
  'lists.create': List;
  'lists.update': List;
  'lists.remove': { removed: true };
  'lists.items': ListItem[];
  'lists.add': ListItem;
  'lists.removeItem': { removed: true };
  'lists.move': ListItem[];
  'lists.setNote': ListItem;
  'tags.add': string[];
  'tags.remove': string[];
  'tags.all': { name: string; count: number }[];
  'catalog.genres': { name: string; count: number }[];
  'stats.summary': StatsSummary;
  'library.demo': DemoCounts;
  'sync.register': SyncStatusInfo;
  'sync.login': SyncStatusInfo;
  'sync.logout': SyncStatusInfo;
  'sync.now': SyncStatusInfo;
  'sync.status': SyncStatusInfo;
  'sync.devices': SyncDevice[];
  'sync.revoke': SyncDevice[];
}

/** One of the account's signed-in devices. */
export interface SyncDevice {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  /** This library's device. */
  current: boolean;
}

/** Where sync stands; also sent as the `sync` event whenever it changes. */
export interface SyncStatusInfo {
  state: 'signed-out' | 'idle' | 'syncing' | 'offline' | 'error';
  server: string | null;
  email: string | null;
  deviceId: string | null;
  /** Local changes the server has not acknowledged yet. */
  pending: number;
  /** Changes the server refused (kept locally with the reason). */
  rejected: number;
  lastSyncedAt: string | null;
  /** While syncing: what is being done, n of m. */
  progress?: { phase: 'prepare' | 'push' | 'pull'; done: number; total: number };
  /** Why sync is offline or failing, in words a person can act on. */
  reason?: string;
  /** Set when this device's clock is off by more than a minute. */
  clockWarning?: string;
  /** When the next automatic attempt is due after a failure. */
  retryAt?: string;
}

/** What the demo generator put into the library. */
export interface DemoCounts {
  titles: number;
  people: number;
  credits: number;
  copies: number;
  watches: number;
  lists: number;
}

// Compile-time check that every command has a result type and no result type lacks a command.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyCommandHasAResult: Same<CommandName, keyof CommandResults> = true;
void _everyCommandHasAResult;

export type Handlers = {
  [C in CommandName]: (args: ParsedArgs<C>) => CommandResults[C] | Promise<CommandResults[C]>;
};

/** Events the core pushes to every door. */
export interface CoreEvents {
  changed: { entities: string[] };
  progress: { task: string; done: number; total: number };
  sync: SyncStatusInfo;
  metadata: MetadataStatus;
}
