import type { EntityName, FieldValues } from '@reelshelf/shared/sync';
import { localProfile, profileKey, splitLast, titleExists } from './keys';
import { bool, type Codec, type CodecDeps, type ParentRef } from './types';

/**
 * The tables that hang off a title (and, for personal data, a profile) with plain
 * columns: copies, watch events, reviews (keyed by their own UUID) and ratings and
 * statuses (one per profile and title, keyed `<profile>|<title>`).
 */
export interface RowSpec {
  entity: EntityName;
  table: string;
  identity: 'id' | 'profileTitle';
  hasProfile: boolean;
  /** Field → column, for the fields other than profile and title. */
  columns: Record<string, string>;
  booleans?: string[];
  /** Fields without which the row cannot be written (NOT NULL columns). */
  required: string[];
  groups?: string[][];
}

export function rowCodec(d: CodecDeps, s: RowSpec): Codec {
  const byProfileTitle = s.identity === 'profileTitle';
  const where = byProfileTitle ? 'profile_id = ? AND title_id = ?' : 'id = ?';
  const localIdentity = (ref: string) => (byProfileTitle ? splitLast(ref) : [ref]);
  const fields = Object.entries(s.columns);
  const insertColumns = [
    ...(byProfileTitle ? [] : ['id']),
    ...(s.hasProfile ? ['profile_id'] : []),
    'title_id',
    ...fields.map(([, c]) => c),
  ];
  const upsert = `INSERT INTO ${s.table} (${insertColumns.join(', ')})
    VALUES (${insertColumns.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (${byProfileTitle ? 'profile_id, title_id' : 'id'}) DO UPDATE SET
    ${fields.map(([, c]) => `${c} = excluded.${c}`).join(', ')}`;

  const keyOf = (ref: string) => {
    if (!byProfileTitle) return ref;
    const [profile, title] = splitLast(ref);
    return `${profileKey(d, profile)}|${title}`;
  };

  return {
    entity: s.entity,
    groups: s.groups,
    refs: { [s.table]: byProfileTitle ? "R.profile_id || '|' || R.title_id" : 'R.id' },
    allRefs: () =>
      d
        .sql(`SELECT ${byProfileTitle ? "profile_id || '|' || title_id" : 'id'} FROM ${s.table}`)
        .pluck()
        .all() as string[],
    keyOf,
    read(ref) {
      const row = d.sql(`SELECT * FROM ${s.table} WHERE ${where}`).get(...localIdentity(ref)) as
        Record<string, unknown> | undefined;
      if (!row) return undefined;
      const out: FieldValues = { title: row.title_id };
      if (s.hasProfile) out.profile = profileKey(d, row.profile_id as string);
      for (const [field, column] of fields) {
        out[field] = s.booleans?.includes(field) ? bool(row[column]) : row[column];
      }
      return { key: keyOf(ref), fields: out };
    },
    parents(key, f) {
      const [keyProfile, keyTitle] = byProfileTitle ? splitLast(key) : [undefined, undefined];
      const out: ParentRef[] = [];
      const title = (f.title as string | undefined) ?? keyTitle;
      if (title) out.push({ entity: 'title', key: title });
      const profile = (f.profile as string | undefined) ?? keyProfile;
      if (s.hasProfile && profile) out.push({ entity: 'profile', key: profile });
      return out;
    },
    write(key, f) {
      if (typeof f.title !== 'string' || (s.hasProfile && typeof f.profile !== 'string')) return '';
      if (s.required.some((field) => f[field] === undefined)) return '';
      if (!titleExists(d, f.title)) return f.title;
      const row: Record<string, unknown> = { title_id: f.title };
      if (!byProfileTitle) row.id = key;
      if (s.hasProfile) {
        const profile = localProfile(d, f.profile as string);
        if (!profile) return f.profile as string;
        row.profile_id = profile;
      }
      for (const [field, column] of fields) {
        const v = f[field] ?? null;
        row[column] = typeof v === 'boolean' ? Number(v) : v;
      }
      d.sql(upsert).run(row);
      return null;
    },
    remove(key) {
      if (!byProfileTitle) {
        d.sql(`DELETE FROM ${s.table} WHERE id = ?`).run(key);
        return;
      }
      const [profile, title] = splitLast(key);
      const local = localProfile(d, profile);
      if (local) d.sql(`DELETE FROM ${s.table} WHERE ${where}`).run(local, title);
    },
  };
}
