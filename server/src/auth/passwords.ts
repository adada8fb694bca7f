import { hash, verify, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1). `algorithm: 2` is Argon2id:
 * the package exports it as an ambient const enum, which isolatedModules cannot read.
 */
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A damaged hash in the table is a refusal, not a 500 that tells the caller something.
    return false;
  }
}

/**
 * A hash of a random password, verified against when the e-mail is unknown, so "no such
 * account" costs the same time as "wrong password" and the two cannot be told apart.
 */
export const dummyHash = (): Promise<string> => hashPassword(randomBytes(16).toString('hex'));
