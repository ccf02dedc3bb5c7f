import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { ServerToClientEvents, User } from '@relay/shared';
import type { Server, Socket } from 'socket.io';
import { DatabaseStatus } from '../../common/database-status.js';
import { tokenFrom } from '../auth/auth.guard.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { PipelineRepository } from '../pipeline/pipeline.repository.js';
import { RealtimeHub, boardRoom, sessionRoom, userRoom } from './realtime-hub.js';

interface SocketData {
  user: User;
  sessionId: string;
  pipelineId: string;
}

/** Authenticates sockets in a connection middleware and routes them to their rooms; nothing else. */
@WebSocketGateway({ path: '/socket.io', serveClient: false, cors: { origin: true, credentials: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('RealtimeGateway');

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly pipelines: PipelineRepository,
    private readonly hub: RealtimeHub,
    private readonly database: DatabaseStatus,
  ) {}

  afterInit(server: Server<Record<string, never>, ServerToClientEvents>): void {
    server.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const token =
        typeof auth?.token === 'string' ? auth.token : tokenFrom(socket.handshake.headers as { cookie?: string; authorization?: string });
      if (!token) return next(new Error('UNAUTHENTICATED'));
      Promise.all([this.sessions.resolve(token), this.pipelines.defaultPipelineId()])
        .then(([session, pipelineId]) => {
          if (!session) return next(new Error('UNAUTHENTICATED'));
          (socket.data as SocketData) = { user: session.user, sessionId: session.sessionId, pipelineId };
          next();
        })
        .catch((err) => {
          if (!this.database.check(err)) this.logger.warn(`socket auth failed: ${err}`);
          next(new Error('UNAVAILABLE'));
        });
    });
    this.hub.attach(server);
  }

  /** Synchronous, so the rooms are joined before the client can see any event after its `connect`. */
  handleConnection(socket: Socket): void {
    const data = socket.data as SocketData;
    void socket.join([boardRoom(data.pipelineId), userRoom(data.user.id), sessionRoom(data.sessionId)]);
  }
}
