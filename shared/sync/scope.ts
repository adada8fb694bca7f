import { z } from 'zod';

/**
 * Where an op belongs. `user:<id>`: one person's private data across their devices.
 * `club:<id>`: a movie club's shared lists (membership and role decide who reads and writes).
 */
export const Scope = z
  .string()
  .regex(/^(user|club):[0-9a-f-]{36}$/, 'expected a scope such as user:<uuid> or club:<uuid>');
export type Scope = z.infer<typeof Scope>;

export const userScope = (userId: string): Scope => `user:${userId}`;

export function parseScope(scope: Scope): { kind: 'user' | 'club'; id: string } {
  const [kind, id] = scope.split(':') as ['user' | 'club', string];
  return { kind, id };
}
