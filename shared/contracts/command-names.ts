/**
 * Every command's name as a runtime list, for code that must not load zod (Electron's
 * preload builds one bridge method per name; main refuses names not in it). Type-only
 * imports keep it free of zod; the checks below fail to compile when a command is added
 * to `commandInputs` and not here, or the other way round.
 */
import type { CommandName, CoreEvents } from './commands';

export const COMMAND_NAMES = [
  'catalog.add',
  'catalog.update',
  'catalog.remove',
  'catalog.get',
  'catalog.search',
  'catalog.suggest',
  'catalog.setCredits',
  'copies.add',
  'copies.update',
  'copies.remove',
  'copies.list',
  'copies.lend',
  'copies.return',
  'watch.add',
  'watch.remove',
  'watch.list',
  'watch.setStatus',
  'ratings.set',
  'ratings.clear',
  'reviews.add',
  'reviews.update',
  'reviews.remove',
  'reviews.list',
  'lists.all',
  'lists.create',
  'lists.update',
  'lists.remove',
  'lists.items',
  'lists.add',
  'lists.removeItem',
  'lists.move',
  'lists.setNote',
  'tags.add',
  'tags.remove',
  'tags.all',
  'catalog.genres',
  'stats.summary',
  'library.demo',
  'sync.register',
  'sync.login',
  'sync.logout',
  'sync.now',
  'sync.status',
  'sync.devices',
  'sync.revoke',
  'import.run',
  'import.history',
  'import.unmatched',
  'import.resolve',
  'import.dismiss',
  'export.backup',
  'export.csv',
  'export.letterboxd',
  'jobs.cancel',
  'scan.addFolder',
  'scan.removeFolder',
  'scan.folders',
  'scan.run',
  'scan.problems',
  'metadata.status',
  'metadata.configure',
  'metadata.refresh',
  'metadata.run',
  'metadata.match',
  'metadata.unlock',
  'settings.get',
  'settings.update',
  'import.upload',
  'stats.charts',
  'series.episodes',
  'series.markSeasonWatched',
  'series.nextUp',
  'discover.rows',
  'catalog.similar',
] as const;

/** The events the core pushes (the keys of `CoreEvents`). */
export const CORE_EVENT_NAMES = ['changed', 'progress', 'sync', 'metadata'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyCommandIsListed: Same<(typeof COMMAND_NAMES)[number], CommandName> = true;
const _everyEventIsListed: Same<(typeof CORE_EVENT_NAMES)[number], keyof CoreEvents> = true;
void _everyCommandIsListed;
void _everyEventIsListed;

const commandNames: ReadonlySet<string> = new Set(COMMAND_NAMES);
const eventNames: ReadonlySet<string> = new Set(CORE_EVENT_NAMES);

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && commandNames.has(name);
}

export function isCoreEventName(name: unknown): name is keyof CoreEvents {
  return typeof name === 'string' && eventNames.has(name);
}
