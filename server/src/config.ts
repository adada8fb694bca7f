import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Where the secret lives when none is given, so tokens survive a restart. */
export const SECRET_FILE = 'secret';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Flags win over environment variables, which win over defaults. */
export interface ConfigInput {
  port?: string | number;
  host?: string;
  data?: string;
  secret?: string;
  accessTtl?: string | number;
  authRateLimit?: string | number;
  logLevel?: string;
}

const ConfigSchema = z.object({
  port: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a port number')
    .min(0, 'a port is 0–65535')
    .max(65_535, 'a port is 0–65535')
    .default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  data: z.string().min(1).default('reelshelf-server-data'),
  // HS256 wants at least 256 bits of key; a shorter shared secret is guessable offline from any token.
  secret: z.string().min(32, 'the secret needs at least 32 characters').optional(),
  accessTtl: z.coerce
    .number({ error: 'expected seconds' })
    .int('expected whole seconds')
    .min(1, 'access-token TTL must be at least 1 second')
    .default(900),
  authRateLimit: z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(1, 'auth rate limit must be at least 1 per minute')
    .default(20),
  logLevel: z.enum(LOG_LEVELS).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data folder (database, secret). */
  dataDir: string;
  secret: string;
  accessTokenTtlSeconds: number;
  authRateLimitPerMinute: number;
  logLevel: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {}

const ENV: Record<keyof ConfigInput, string> = {
  port: 'REELSHELF_PORT',
  host: 'REELSHELF_HOST',
  data: 'REELSHELF_DATA',
  secret: 'REELSHELF_SECRET',
  accessTtl: 'REELSHELF_ACCESS_TTL',
  authRateLimit: 'REELSHELF_AUTH_RATE_LIMIT',
  logLevel: 'REELSHELF_LOG_LEVEL',
};

/**
 * Reads the configuration, creates the data folder and, when no secret is given, the
 * secret file (once; later starts read it back). Throws ConfigError naming each bad setting.
 */
export function loadConfig(flags: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(ENV) as (keyof ConfigInput)[]) {
    const value = flags[key] ?? env[ENV[key]];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0]) as keyof ConfigInput;
      return `${key} (--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} or ${ENV[key]}): ${i.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  const dataDir = resolve(c.data);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: c.port,
    host: c.host,
    dataDir,
    secret: c.secret ?? storedSecret(dataDir),
    accessTokenTtlSeconds: c.accessTtl,
    authRateLimitPerMinute: c.authRateLimit,
    logLevel: c.logLevel,
  };
}

function storedSecret(dataDir: string): string {
  const path = join(dataDir, SECRET_FILE);
  try {
    // 'wx': two servers starting on one new folder must not each write their own secret.
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Someone may have loosened it by hand; anyone who reads it can mint tokens for every account.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32)
    throw new ConfigError(`${path} holds fewer than 32 characters; delete it to make a new one`);
  return secret;
}
