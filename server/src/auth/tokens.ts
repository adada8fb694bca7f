import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../http/errors.ts';

const ISSUER = 'reelshelf-sync';

export interface Caller {
  userId: string;
  deviceId: string;
}

/** Access tokens: short-lived HS256 JWTs naming the user (`sub`) and the device (`did`). */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(caller: Caller): Promise<{ token: string; expiresAt: number }> {
    const nowMs = Date.now();
    // Verifiers compare whole seconds; rounding exp up keeps a token good for at least the TTL.
    const exp = Math.ceil(nowMs / 1000 + this.ttlSeconds);
    const now = Math.floor(nowMs / 1000);
    const token = await new SignJWT({ did: caller.deviceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(caller.userId)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /** The token's caller, or a 401. The device's revocation is checked by the caller of this. */
  async verify(token: string): Promise<Caller> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      if (typeof payload.sub !== 'string' || typeof payload.did !== 'string')
        throw new ApiError('unauthorized', 'the access token names no user or device');
      return { userId: payload.sub, deviceId: payload.did };
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (e instanceof errors.JWTExpired)
        throw new ApiError('unauthorized', 'the access token has expired; refresh it');
      throw new ApiError('unauthorized', 'the access token is not valid');
    }
  }
}

/** Refresh tokens: 32 random bytes, only their SHA-256 is stored (a stolen table grants nothing). */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');
