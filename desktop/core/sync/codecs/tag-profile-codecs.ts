import { DEFAULT_PROFILE_KEY, tagKey } from '@reelshelf/shared/sync';
import { tagId } from '../../tags/tags';
import { localProfile, profileKey, splitPair, titleExists } from './keys';
import { bool, orNull, type Codec, type CodecDeps } from './types';

const tagRow = (d: CodecDeps, name: string) =>
  d.sql('SELECT id, name FROM tags WHERE name = ? COLLATE NOCASE').get(name) as
    { id: string; name: string } | undefined;

/**
 * A tag's spelling. Tags are case-insensitive ("Noir" and "noir" are one tag); the row is
 * keyed by the lower-case name and its spelling is last-writer-wins, so every device
 * shows the same one. A tag row exists while some title carries it.
 */
export function tagCodec(d: CodecDeps): Codec {
  return {
    entity: 'tag',
    refs: { tags: 'R.name' },
    allRefs: () => d.sql('SELECT name FROM tags').pluck().all() as string[],
    keyOf: tagKey,
    read(name) {
      const row = tagRow(d, name);
      return row && { key: tagKey(row.name), fields: { name: row.name } };
    },
    parents: () => [],
    write(key, f) {
      if (typeof f.name !== 'string') return '';
      const row = tagRow(d, key);
      if (row && row.name !== f.name) d.sql('UPDATE tags SET name = ? WHERE id = ?').run(f.name, row.id);
      // No row: no title here carries the tag yet; the first tag on a title creates it.
      return null;
    },
    remove: () => {},
    existsWhileUsed: true,
  };
}

/** A tag on a title: one row per title and tag, so two devices tagging a title both keep theirs. */
export function titleTagCodec(d: CodecDeps): Codec {
  const keyOf = (ref: string) => {
    const [title, tag] = splitPair(ref);
    return `${title}|${tagKey(tag)}`;
  };
  return {
    entity: 'titleTag',
    refs: { title_tags: "R.title_id || '|' || (SELECT name FROM tags WHERE id = R.tag_id)" },
    allRefs: () =>
      d
        .sql("SELECT tt.title_id || '|' || t.name FROM title_tags tt JOIN tags t ON t.id = tt.tag_id")
        .pluck()
        .all() as string[],
    keyOf,
    read(ref) {
      const [title, tag] = splitPair(ref);
      const on = d
        .sql(
          'SELECT 1 FROM title_tags tt JOIN tags t ON t.id = tt.tag_id WHERE tt.title_id = ? AND t.name = ? COLLATE NOCASE',
        )
        .get(title, tag);
      return on === undefined ? undefined : { key: keyOf(ref), fields: { title } };
    },
    parents: (key) => [{ entity: 'title', key: splitPair(key)[0] }],
    write(key) {
      const [title, tag] = splitPair(key);
      if (!titleExists(d, title)) return title;
      // A tag this library does not have yet is created with its synced spelling.
      const spelling = d.registered('tag', tag).name;
      const id = tagId(d.ctx, typeof spelling === 'string' ? spelling : tag, true)!;
      d.sql('INSERT OR IGNORE INTO title_tags (title_id, tag_id) VALUES (?, ?)').run(title, id);
      return null;
    },
    remove(key) {
      const [title, tag] = splitPair(key);
      const id = tagRow(d, tag)?.id;
      if (!id) return;
      // The schema's trigger drops the tag when no title carries it any more.
      d.sql('DELETE FROM title_tags WHERE title_id = ? AND tag_id = ?').run(title, id);
    },
  };
}

interface ProfileRow {
  name: string;
  is_kid: number;
  certification_ceiling: string | null;
}

export function profileCodec(d: CodecDeps): Codec {
  return {
    entity: 'profile',
    refs: { profiles: 'R.id' },
    allRefs: () => d.sql('SELECT id FROM profiles').pluck().all() as string[],
    keyOf: (ref) => profileKey(d, ref),
    read(id) {
      const r = d.sql('SELECT name, is_kid, certification_ceiling FROM profiles WHERE id = ?').get(id) as
        ProfileRow | undefined;
      if (!r) return undefined;
      return {
        key: profileKey(d, id),
        fields: {
          name: r.name,
          isKid: bool(r.is_kid),
          certificationCeiling: r.certification_ceiling === null ? null : JSON.parse(r.certification_ceiling),
        },
      };
    },
    parents: () => [],
    write(key, f) {
      if (typeof f.name !== 'string' || f.isKid === undefined) return '';
      const id = localProfile(d, key) ?? key;
      const ceiling = orNull(f.certificationCeiling);
      d.sql(
        `INSERT INTO profiles (id, name, is_kid, certification_ceiling, is_default) VALUES (?, ?, ?, ?, 0)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, is_kid = excluded.is_kid,
           certification_ceiling = excluded.certification_ceiling`,
      ).run(id, f.name, Number(f.isKid), ceiling === null ? null : JSON.stringify(ceiling));
      return null;
    },
    remove(key) {
      // The default profile is every library's own; it is never removed by another device.
      if (key !== DEFAULT_PROFILE_KEY) d.sql('DELETE FROM profiles WHERE id = ? AND is_default = 0').run(key);
    },
  };
}
