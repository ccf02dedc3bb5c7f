import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { ServerToClientEvents, User } from '@relay/shared';
import type { Server, Socket } from 'socket.io';
import { OriginPolicy } from '../../common/security.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { DatabaseStatus } from '../../common/database-status.js';
import { tokenFrom } from '../auth/auth.guard.js';
import { SessionsService } from '../auth/sessions.service.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { RealtimeHub, boardRoom, sessionRoom, userRoom } from './realtime-hub.js';

interface SocketData {
  user: User;
  sessionId: string;
  pipelineId: string;
  /** Date.now() of the session's absolute expiry. */
  expiresAt: number;
}

/** Sockets one session may hold open on one instance (tabs, reconnects that overlap): the next is refused. */
export const MAX_SOCKETS_PER_SESSION = 20;
/** How often this instance checks that the sessions of its sockets are still live (idle expiry, purges, SQL). */
export const SESSION_SWEEP_MS = 30_000;

type RelayServer = Server<Record<string, never>, ServerToClientEvents>;

/**
 * Authenticates sockets in a connection middleware and routes them to their rooms. A socket lives no longer
 * than its session: it is closed at the session's absolute expiry (a timer), and the periodic sweep closes
 * those whose session went idle or was deleted. An open socket is not activity: only HTTP requests slide
 * the idle window (see README, Security).
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('RealtimeGateway');
  private readonly origins: OriginPolicy;
  private server: RelayServer | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessions: SessionsService,
    private readonly pipelines: PipelineService,
    private readonly hub: RealtimeHub,
    @Inject(RELAY_CONFIG) config: RelayConfig,
    private readonly database: DatabaseStatus,
  ) {
    this.origins = new OriginPolicy(config);
  }

  afterInit(server: RelayServer): void {
    this.server = server;
    server.use((socket, next) => {
      // A page of another origin must not read the board or someone's notifications with their cookie.
      if (this.origins.foreignOrigin(socket.request) !== null) return next(new Error('CROSS_ORIGIN'));
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const token =
        typeof auth?.token === 'string' ? auth.token : tokenFrom(socket.handshake.headers as { cookie?: string; authorization?: string });
      if (!token) return next(new Error('UNAUTHENTICATED'));
      Promise.all([this.sessions.resolve(token), this.pipelines.defaultPipelineId()])
        .then(([session, pipelineId]) => {
          if (!session) return next(new Error('UNAUTHENTICATED'));
          // Per instance: counting across instances would cost a round trip through the adapter per handshake.
          const open = server.of('/').adapter.rooms.get(sessionRoom(session.sessionId))?.size ?? 0;
          if (open >= MAX_SOCKETS_PER_SESSION) return next(new Error('TOO_MANY_CONNECTIONS'));
          (socket.data as SocketData) = { user: session.user, sessionId: session.sessionId, pipelineId, expiresAt: session.expiresAt };
          next();
        })
        .catch((err) => {
          if (!this.database.check(err)) this.logger.warn(`socket auth failed: ${err}`);
          next(new Error('UNAVAILABLE'));
        });
    });
    this.hub.attach(server);
    this.sweeper = setInterval(
      () => void this.sweepSessions().catch((e) => this.logger.warn(`session sweep failed: ${e}`)),
      SESSION_SWEEP_MS,
    ).unref();
  }

  /** Synchronous, so the rooms are joined before the client can see any event after its `connect`. */
  handleConnection(socket: Socket): void {
    const data = socket.data as SocketData;
    void socket.join([boardRoom(data.pipelineId), userRoom(data.user.id), sessionRoom(data.sessionId)]);
    const expiry = setTimeout(() => end(socket, 'session expired'), Math.max(0, data.expiresAt - Date.now()));
    expiry.unref();
    socket.once('disconnect', () => clearTimeout(expiry));
  }

  /**
   * Closes this instance's sockets whose session is no longer live (idle, past its absolute expiry, deleted,
   * its person deactivated): one query for all of them. Returns how many sockets it closed.
   */
  async sweepSessions(): Promise<number> {
    if (!this.server) return 0;
    const sockets = [...this.server.of('/').sockets.values()];
    const ids = [...new Set(sockets.map((s) => (s.data as SocketData).sessionId).filter(Boolean))];
    if (ids.length === 0) return 0;
    const live = await this.sessions.liveAmong(ids);
    let closed = 0;
    for (const socket of sockets) {
      const id = (socket.data as SocketData).sessionId;
      if (id && !live.has(id) && socket.connected) {
        end(socket, 'session expired');
        closed++;
      }
    }
    return closed;
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}

/** Tells the board why, then closes the socket (the board shows the sign-in page). */
function end(socket: Socket, reason: string): void {
  socket.emit('session.ended', { reason });
  socket.disconnect(true);
}
