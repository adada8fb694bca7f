import { DEFAULT_PROFILE_KEY } from '@reelshelf/shared/sync';
import { newId } from '../../context';
import { localProfile, profileKey, splitPair, titleExists } from './keys';
import { bool, orNull, type Codec, type CodecDeps } from './types';

/**
 * A tag on a title: one row per title and tag (case-insensitive), so two devices tagging
 * the same title both keep their tags. Tag rows themselves are local, found by name.
 */
export function titleTagCodec(d: CodecDeps): Codec {
  const keyOf = (ref: string) => {
    const [title, tag] = splitPair(ref);
    return `${title}|${tag.toLowerCase()}`;
  };
  const tagId = (name: string) =>
    d.sql('SELECT id FROM tags WHERE name = ? COLLATE NOCASE').pluck().get(name) as string | undefined;
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
      const name = d
        .sql(
          'SELECT t.name FROM title_tags tt JOIN tags t ON t.id = tt.tag_id WHERE tt.title_id = ? AND t.name = ? COLLATE NOCASE',
        )
        .pluck()
        .get(title, tag) as string | undefined;
      return name === undefined ? undefined : { key: keyOf(ref), fields: { title, tag: name } };
    },
    parents: (key) => [{ entity: 'title', key: splitPair(key)[0] }],
    write(key, f) {
      if (typeof f.tag !== 'string') return '';
      const [title] = splitPair(key);
      if (!titleExists(d, title)) return title;
      let id = tagId(f.tag);
      if (!id) {
        id = newId();
        d.sql('INSERT INTO tags (id, name) VALUES (?, ?)').run(id, f.tag);
      }
      d.sql('INSERT OR IGNORE INTO title_tags (title_id, tag_id) VALUES (?, ?)').run(title, id);
      return null;
    },
    remove(key) {
      const [title, tag] = splitPair(key);
      const id = tagId(tag);
      if (!id) return;
      d.sql('DELETE FROM title_tags WHERE title_id = ? AND tag_id = ?').run(title, id);
      // As with tags.remove: a tag no title carries any more disappears.
      d.sql('DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM title_tags WHERE tag_id = ?)').run(
        id,
        id,
      );
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
