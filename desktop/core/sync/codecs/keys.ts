import { DEFAULT_PROFILE_KEY, type EntityName } from '@reelshelf/shared/sync';
import type { CodecDeps } from './types';

/** Local profile id ↔ sync key: the default profile is `@default` everywhere. */
export const profileKey = (d: CodecDeps, localId: string): string =>
  localId === d.defaultProfileId ? DEFAULT_PROFILE_KEY : localId;

export function localProfile(d: CodecDeps, key: string): string | undefined {
  if (key === DEFAULT_PROFILE_KEY) return d.defaultProfileId;
  return (d.sql('SELECT id FROM profiles WHERE id = ?').pluck().get(key) as string | undefined) ?? undefined;
}

const SYSTEM_MARK = '|system|';

/** Custom lists are keyed by id; system lists by profile and name, so each device's watchlist is one list. */
export function listKey(d: CodecDeps, localId: string): string {
  const row = d.sql('SELECT profile_id, system FROM lists WHERE id = ?').get(localId) as
    { profile_id: string; system: string | null } | undefined;
  return row?.system ? `${profileKey(d, row.profile_id)}${SYSTEM_MARK}${row.system}` : localId;
}

export function localList(d: CodecDeps, key: string): string | undefined {
  const at = key.indexOf(SYSTEM_MARK);
  if (at < 0)
    return (d.sql('SELECT id FROM lists WHERE id = ?').pluck().get(key) as string | undefined) ?? undefined;
  const profile = localProfile(d, key.slice(0, at));
  if (!profile) return undefined;
  return (
    (d
      .sql('SELECT id FROM lists WHERE profile_id = ? AND system = ?')
      .pluck()
      .get(profile, key.slice(at + SYSTEM_MARK.length)) as string | undefined) ?? undefined
  );
}

export const titleExists = (d: CodecDeps, key: string): boolean =>
  d.sql('SELECT 1 FROM titles WHERE id = ?').pluck().get(key) !== undefined;

/** Whether the row a key names exists locally (for the entities rows can belong to). */
export function parentExists(d: CodecDeps, entity: EntityName, key: string): boolean {
  if (entity === 'title') return titleExists(d, key);
  if (entity === 'list') return localList(d, key) !== undefined;
  if (entity === 'profile') return localProfile(d, key) !== undefined;
  throw new Error(`${entity} rows have no children`);
}

/** Splits `a|b` at the first bar (the right part may itself contain bars, e.g. a tag). */
export function splitPair(ref: string): [string, string] {
  const at = ref.indexOf('|');
  return [ref.slice(0, at), ref.slice(at + 1)];
}

/** Splits `a|b` at the last bar (the left part may itself contain bars, e.g. a system list key). */
export function splitLast(key: string): [string, string] {
  const at = key.lastIndexOf('|');
  return [key.slice(0, at), key.slice(at + 1)];
}
