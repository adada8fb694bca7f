import { and, count, eq, sql } from 'drizzle-orm';
import type { Handlers } from '@reelshelf/shared/contracts';
import { tags, titleTags } from '../db/schema';
import { newId, type Ctx } from '../context';
import { statement } from '../db/statements';
import { requireTitle, tagsOf } from '../catalog/lookup';

/** Tags are case-insensitive: "Noir" and "noir" are one tag, spelled as first written. */
export function tagId(ctx: Ctx, name: string, create: boolean): string | undefined {
  const found = statement(ctx.lib.sqlite, 'SELECT id FROM tags WHERE name = ? COLLATE NOCASE')
    .pluck()
    .get(name) as string | undefined;
  if (found || !create) return found;
  const id = newId();
  statement(ctx.lib.sqlite, 'INSERT INTO tags (id, name) VALUES (?, ?)').run(id, name);
  return id;
}

export function tagHandlers(ctx: Ctx): Pick<Handlers, 'tags.add' | 'tags.remove' | 'tags.all'> {
  const { db } = ctx.lib;
  return {
    'tags.add': ({ titleId, tag }) => {
      requireTitle(ctx, titleId);
      db.insert(titleTags)
        .values({ titleId, tagId: tagId(ctx, tag, true)! })
        .onConflictDoNothing()
        .run();
      ctx.emit('changed', { entities: ['tags'] });
      return tagsOf(ctx, titleId);
    },
    'tags.remove': ({ titleId, tag }) => {
      requireTitle(ctx, titleId);
      const id = tagId(ctx, tag, false);
      // A tag no title carries any more disappears (a trigger in the schema does it).
      if (id) {
        db.delete(titleTags)
          .where(and(eq(titleTags.titleId, titleId), eq(titleTags.tagId, id)))
          .run();
      }
      ctx.emit('changed', { entities: ['tags'] });
      return tagsOf(ctx, titleId);
    },
    'tags.all': () =>
      db
        .select({ name: tags.name, count: count(titleTags.titleId) })
        .from(tags)
        .leftJoin(titleTags, eq(titleTags.tagId, tags.id))
        .groupBy(tags.id)
        .orderBy(sql`${tags.name} COLLATE NOCASE`)
        .all(),
  };
}
