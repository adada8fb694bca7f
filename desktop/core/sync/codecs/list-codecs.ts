import type { FieldValues } from '@reelshelf/shared/sync';
import { newId } from '../../context';
import { listKey, localList, localProfile, profileKey, splitLast, titleExists } from './keys';
import { bool, orNull, type Codec, type CodecDeps, type ParentRef } from './types';

interface ListRow {
  id: string;
  profile_id: string;
  name: string;
  description: string | null;
  system: string | null;
  ranked: number;
  /** JSON SavedQuery of a smart list. */
  query: string | null;
  created_at: string;
}

function listCodec(d: CodecDeps): Codec {
  return {
    entity: 'list',
    refs: { lists: 'R.id' },
    allRefs: () => d.sql('SELECT id FROM lists').pluck().all() as string[],
    // A list that is gone was a custom one (system lists cannot be removed): its key is its id.
    keyOf: (ref) => ref,
    read(id) {
      const r = d.sql('SELECT * FROM lists WHERE id = ?').get(id) as ListRow | undefined;
      if (!r) return undefined;
      return {
        key: listKey(d, id),
        fields: {
          profile: profileKey(d, r.profile_id),
          name: r.name,
          description: r.description,
          system: r.system,
          ranked: bool(r.ranked),
          query: r.query === null ? null : (JSON.parse(r.query) as unknown),
          createdAt: r.created_at,
        },
      };
    },
    parents: (_key, f): ParentRef[] =>
      typeof f.profile === 'string' ? [{ entity: 'profile', key: f.profile }] : [],
    write(key, f: FieldValues) {
      if (typeof f.profile !== 'string' || f.name === undefined || f.ranked === undefined) return '';
      const profile = localProfile(d, f.profile);
      if (!profile) return f.profile;
      const id = localList(d, key) ?? (f.system ? newId() : key);
      d.sql(
        `INSERT INTO lists (id, profile_id, name, description, system, ranked, query, created_at)
         VALUES (@id, @profile, @name, @description, @system, @ranked, @query,
           coalesce(@createdAt, strftime('%Y-%m-%dT%H:%M:%fZ','now')))
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
           ranked = excluded.ranked, query = excluded.query, created_at = excluded.created_at`,
      ).run({
        id,
        profile,
        name: f.name,
        description: orNull(f.description),
        system: orNull(f.system),
        ranked: Number(f.ranked),
        query: f.query === undefined || f.query === null ? null : JSON.stringify(f.query),
        createdAt: orNull(f.createdAt),
      });
      return null;
    },
    remove(key) {
      const id = localList(d, key);
      // System lists are part of every profile; only custom lists go.
      if (id) d.sql('DELETE FROM lists WHERE id = ? AND system IS NULL').run(id);
    },
  };
}

interface ItemRow {
  position: string;
  note: string | null;
  added_at: string;
}

/** One row per list and title on every device: the key is `<list key>|<title id>`. */
function listItemCodec(d: CodecDeps): Codec {
  const localItem = (key: string) => {
    const [list, title] = splitLast(key);
    return { listId: localList(d, list), list, title };
  };
  return {
    entity: 'listItem',
    refs: { list_items: "R.list_id || '|' || R.title_id" },
    allRefs: () => d.sql("SELECT list_id || '|' || title_id FROM list_items").pluck().all() as string[],
    keyOf(ref) {
      const [listId, title] = splitLast(ref);
      return `${listKey(d, listId)}|${title}`;
    },
    read(ref) {
      const [listId, title] = splitLast(ref);
      const r = d
        .sql('SELECT position, note, added_at FROM list_items WHERE list_id = ? AND title_id = ?')
        .get(listId, title) as ItemRow | undefined;
      if (!r) return undefined;
      const list = listKey(d, listId);
      return {
        key: `${list}|${title}`,
        fields: { list, title, position: r.position, note: r.note, addedAt: r.added_at },
      };
    },
    parents(key) {
      const [list, title] = splitLast(key);
      return [
        { entity: 'list', key: list },
        { entity: 'title', key: title },
      ];
    },
    write(key, f) {
      if (typeof f.position !== 'string') return '';
      const { listId, list, title } = localItem(key);
      if (!listId) return list;
      if (!titleExists(d, title)) return title;
      d.sql(
        `INSERT INTO list_items (id, list_id, title_id, position, note, added_at)
         VALUES (@id, @listId, @title, @position, @note, coalesce(@addedAt, strftime('%Y-%m-%dT%H:%M:%fZ','now')))
         ON CONFLICT (list_id, title_id) DO UPDATE SET position = excluded.position, note = excluded.note,
           added_at = excluded.added_at`,
      ).run({
        id: newId(),
        listId,
        title,
        position: f.position,
        note: orNull(f.note),
        addedAt: orNull(f.addedAt),
      });
      return null;
    },
    remove(key) {
      const { listId, title } = localItem(key);
      if (listId) d.sql('DELETE FROM list_items WHERE list_id = ? AND title_id = ?').run(listId, title);
    },
  };
}

export const listCodecs = (d: CodecDeps): Codec[] => [listCodec(d), listItemCodec(d)];
