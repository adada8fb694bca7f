import { and, asc, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Device, Session } from '@reelshelf/shared/sync';
import { ApiError } from '../http/errors.ts';
import type { Store } from '../store/open.ts';
import { devices, users } from '../store/schema.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { hashRefreshToken, newRefreshToken, type AccessTokens, type Caller } from './tokens.ts';

/** last_seen_at is for the device list, not an audit trail: one write a minute per device is plenty. */
const LAST_SEEN_EVERY_MS = 60_000;

const WRONG_LOGIN = 'wrong e-mail or password';
const isoNow = () => new Date().toISOString();

const isUniqueViolation = (e: unknown) =>
  e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Input already validated at the door (Credentials). */
interface SignIn {
  email: string;
  password: string;
  deviceName: string;
}

/**
 * Accounts, devices and sessions. Each signed-in installation is a device with its own
 * refresh token; revoking the device ends that installation's access at once.
 */
export class Accounts {
  private readonly dummy: Promise<string>;

  constructor(
    private readonly store: Store,
    private readonly tokens: AccessTokens,
    /** Told after a device is revoked (the realtime layer disconnects its sockets). */
    private readonly onRevoked: (deviceId: string) => void,
  ) {
    this.dummy = dummyHash();
  }

  async register(input: SignIn): Promise<Session> {
    const { db } = this.store;
    // Checked first so a taken address does not cost a hash; the unique index settles races.
    if (db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get())
      throw new ApiError('conflict', 'an account with this e-mail address already exists');
    const passwordHash = await hashPassword(input.password);
    const userId = randomUUID();
    let refreshToken: string, deviceId: string;
    try {
      ({ deviceId, refreshToken } = this.store.sqlite.transaction(() => {
        db.insert(users).values({ id: userId, email: input.email, passwordHash }).run();
        return this.insertDevice(userId, input.deviceName);
      })());
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ApiError('conflict', 'an account with this e-mail address already exists');
      throw e;
    }
    return this.session({ userId, deviceId }, refreshToken);
  }

  async login(input: SignIn): Promise<Session> {
    const user = this.store.db
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, input.email))
      .get();
    const ok = await verifyPassword(user?.passwordHash ?? (await this.dummy), input.password);
    if (!user || !ok) throw new ApiError('unauthorized', WRONG_LOGIN);
    const { deviceId, refreshToken } = this.insertDevice(user.id, input.deviceName);
    return this.session({ userId: user.id, deviceId }, refreshToken);
  }

  /**
   * Rotates the refresh token. A token that was already rotated away is being replayed —
   * by a thief or by the owner, we cannot tell — so the device is revoked and both must sign in.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const { db } = this.store;
    const presented = hashRefreshToken(refreshToken);
    const current = db.select().from(devices).where(eq(devices.refreshHash, presented)).get();
    if (current && !current.revokedAt) {
      const next = newRefreshToken();
      db.update(devices)
        .set({ refreshHash: next.hash, previousRefreshHash: presented, lastSeenAt: isoNow() })
        .where(eq(devices.id, current.id))
        .run();
      return this.session({ userId: current.userId, deviceId: current.id }, next.token);
    }
    const replayed = current
      ? undefined
      : db.select().from(devices).where(eq(devices.previousRefreshHash, presented)).get();
    if (replayed && !replayed.revokedAt) {
      this.revoke(replayed.userId, replayed.id);
      throw new ApiError(
        'unauthorized',
        'this refresh token was already used; the device has been signed out in case it was stolen',
      );
    }
    throw new ApiError('unauthorized', 'the refresh token is not valid');
  }

  /** Checks an access token and that its device is still signed in; notes when the device was last seen. */
  async authenticate(token: string): Promise<Caller> {
    const caller = await this.tokens.verify(token);
    const { db } = this.store;
    const device = db
      .select({ userId: devices.userId, revokedAt: devices.revokedAt, lastSeenAt: devices.lastSeenAt })
      .from(devices)
      .where(eq(devices.id, caller.deviceId))
      .get();
    if (!device || device.userId !== caller.userId || device.revokedAt)
      throw new ApiError('unauthorized', 'this device has been signed out');
    const now = Date.now();
    if (!device.lastSeenAt || now - Date.parse(device.lastSeenAt) > LAST_SEEN_EVERY_MS)
      db.update(devices)
        .set({ lastSeenAt: new Date(now).toISOString() })
        .where(eq(devices.id, caller.deviceId))
        .run();
    return caller;
  }

  isActive(deviceId: string): boolean {
    const device = this.store.db
      .select({ revokedAt: devices.revokedAt })
      .from(devices)
      .where(eq(devices.id, deviceId))
      .get();
    return device !== undefined && device.revokedAt === null;
  }

  listDevices(caller: Caller): Device[] {
    return this.store.db
      .select({
        id: devices.id,
        name: devices.name,
        createdAt: devices.createdAt,
        lastSeenAt: devices.lastSeenAt,
      })
      .from(devices)
      .where(and(eq(devices.userId, caller.userId), isNull(devices.revokedAt)))
      .orderBy(asc(devices.createdAt), asc(devices.id))
      .all()
      .map((d) => ({ ...d, current: d.id === caller.deviceId }));
  }

  /** Another user's device, an unknown id and an already revoked one look the same: 404. */
  revokeDevice(caller: Caller, deviceId: string): void {
    if (!this.revoke(caller.userId, deviceId)) throw new ApiError('not_found', 'no such device');
  }

  private revoke(userId: string, deviceId: string): boolean {
    const { changes } = this.store.db
      .update(devices)
      .set({ revokedAt: isoNow() })
      .where(and(eq(devices.id, deviceId), eq(devices.userId, userId), isNull(devices.revokedAt)))
      .run();
    if (changes > 0) this.onRevoked(deviceId);
    return changes > 0;
  }

  private insertDevice(userId: string, name: string): { deviceId: string; refreshToken: string } {
    const deviceId = randomUUID();
    const refresh = newRefreshToken();
    this.store.db.insert(devices).values({ id: deviceId, userId, name, refreshHash: refresh.hash }).run();
    return { deviceId, refreshToken: refresh.token };
  }

  private async session(caller: Caller, refreshToken: string): Promise<Session> {
    const access = await this.tokens.issue(caller);
    return { ...caller, accessToken: access.token, accessExpiresAt: access.expiresAt, refreshToken };
  }
}
