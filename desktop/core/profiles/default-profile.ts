import { eq } from 'drizzle-orm';
import { SYSTEM_LISTS, type SystemList } from '@reelshelf/shared/domain';
import type { Library } from '../db/open';
import { lists, profiles } from '../db/schema';
import { newId } from '../context';

const SYSTEM_LIST_NAMES: Record<SystemList, string> = {
  watchlist: 'Watchlist',
  favorites: 'Favorites',
  watching: 'Watching',
  completed: 'Completed',
};

/** Every library has one default profile with the four system lists; made on first open. */
export function ensureDefaultProfile(lib: Library): string {
  return lib.sqlite.transaction(() => {
    const existing = lib.db.select().from(profiles).where(eq(profiles.isDefault, true)).get();
    const profileId = existing?.id ?? newId();
    if (!existing) lib.db.insert(profiles).values({ id: profileId, name: 'Me', isDefault: true }).run();
    for (const system of SYSTEM_LISTS) {
      lib.db
        .insert(lists)
        .values({
          id: newId(),
          profileId,
          name: SYSTEM_LIST_NAMES[system],
          system,
          ranked: system !== 'completed',
        })
        .onConflictDoNothing()
        .run();
    }
    return profileId;
  })();
}
