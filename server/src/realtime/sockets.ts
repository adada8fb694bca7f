import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
  SubscribeRequest,
  userScope,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@reelshelf/shared/sync';
import type { Logger } from 'pino';
import type { Accounts } from '../auth/accounts.ts';
import type { Caller } from '../auth/tokens.ts';
import { ApiError } from '../http/errors.ts';
import { atLeast, type ScopeAccess } from '../sync/access.ts';

interface SocketData {
  caller: Caller;
}

export type SyncIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const deviceRoom = (deviceId: string) => `device:${deviceId}`;

/**
 * Socket.IO only says "scope X has news"; clients pull over HTTP. Rooms: one per scope
 * (who may be poked about it) and one per device (so revoking a device can find its sockets).
 */
export function attachRealtime(httpServer: HttpServer, accounts: Accounts, access: ScopeAccess, log: Logger) {
  const io: SyncIo = new Server(httpServer, {
    serveClient: false,
    // Clients only ever send `subscribe`; nothing big should arrive on a socket.
    maxHttpBufferSize: 16 * 1024,
  });

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token === '') {
      next(new Error('unauthorized: no access token (connect with auth: { token })'));
      return;
    }
    try {
      socket.data.caller = await accounts.authenticate(token);
      next();
    } catch (e) {
      next(new Error(`unauthorized: ${e instanceof ApiError ? e.message : 'the access token is not valid'}`));
    }
  });

  io.on('connection', (socket) => {
    const { userId, deviceId } = socket.data.caller;
    void socket.join([userScope(userId), deviceRoom(deviceId)]);
    // The device may have been revoked between the handshake check and joining its room,
    // in which case the revocation's disconnect missed this socket.
    if (!accounts.isActive(deviceId)) {
      socket.disconnect(true);
      return;
    }
    log.debug({ userId, deviceId }, 'socket connected');

    socket.on('subscribe', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const request = SubscribeRequest.safeParse(payload);
      if (!request.success) {
        ack({
          ok: false,
          error: `invalid_argument: ${request.error.issues[0]?.message ?? 'expected { scope }'}`,
        });
        return;
      }
      const { scope } = request.data;
      if (!atLeast(access.of(userId, scope), 'read')) {
        ack({ ok: false, error: `forbidden: no read access to ${scope}` });
        return;
      }
      void socket.join(scope);
      ack({ ok: true });
    });
  });

  return {
    io,
    /** The pushing device already has the ops; everyone else who may read the scope is told. */
    poke(scope: string, seq: number, fromDevice: string) {
      io.to(scope).except(deviceRoom(fromDevice)).emit('poke', { scope, seq });
    },
    disconnectDevice(deviceId: string) {
      io.in(deviceRoom(deviceId)).disconnectSockets(true);
    },
  };
}
