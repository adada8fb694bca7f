import { parseScope, userScope, type Scope } from '@reelshelf/shared/sync';
import type { Store } from '../store/open.ts';
import type { ClubRole } from '../store/schema.ts';

export type Access = 'none' | 'read' | 'write';

const ROLE_ACCESS: Record<ClubRole, Access> = { owner: 'write', editor: 'write', viewer: 'read' };
const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

export const atLeast = (have: Access, need: Access): boolean => RANK[have] >= RANK[need];

/**
 * Who may read and write a scope. Every HTTP route and socket event asks this, so club
 * scopes follow membership the moment club_members changes (there is no cache to go stale).
 */
export class ScopeAccess {
  private readonly role;
  private readonly clubs;

  constructor(store: Store) {
    this.role = store.sqlite.prepare<[string, string], { role: ClubRole }>(
      'SELECT role FROM club_members WHERE club_id = ? AND user_id = ?',
    );
    this.clubs = store.sqlite.prepare<[string], { clubId: string }>(
      'SELECT club_id AS clubId FROM club_members WHERE user_id = ? ORDER BY club_id',
    );
  }

  of(userId: string, scope: Scope): Access {
    const { kind, id } = parseScope(scope);
    if (kind === 'user') return id === userId ? 'write' : 'none';
    const member = this.role.get(id, userId);
    return member ? ROLE_ACCESS[member.role] : 'none';
  }

  /** Every scope the user may read: their own first, then their clubs. */
  readable(userId: string): Scope[] {
    return [userScope(userId), ...this.clubs.all(userId).map((c) => `club:${c.clubId}`)];
  }
}
