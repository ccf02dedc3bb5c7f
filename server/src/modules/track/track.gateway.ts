import { createHash } from 'node:crypto';
import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import proxyaddr from 'proxy-addr';
import type { Namespace, Socket } from 'socket.io';
import { OriginPolicy } from '../../common/security.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { TrackRateLimit } from './track-rate-limit.js';
import { TrackRepository } from './track.repository.js';
import { TRACK_NAMESPACE, TrackSockets, type TrackServerEvents, shareRoom, trackRoom } from './track-sockets.js';

interface TrackSocketData {
  shareId: string;
  cardId: string;
  expiresAt: number;
}

/** How often this instance checks that the links of its customer sockets are still live. */
export const TRACK_SWEEP_MS = 30_000;

/** What a token Relay makes looks like: 32 random bytes in base64url. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The customer's live page: namespace `/track` on the board's socket.io path, authenticated by the link's
 * token (`auth: {token}`), refused from other origins like the board's sockets. A socket hears only
 * content-free `track.changed` for its one card (the page then refetches what it may see) and lives no
 * longer than its link: revoking or replacing it ends the socket at once, expiry by a timer.
 */
@WebSocketGateway({ path: '/socket.io', namespace: TRACK_NAMESPACE, serveClient: false })
export class TrackGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('TrackGateway');
  private readonly origins: OriginPolicy;
  private readonly trustProxy: RelayConfig['trustProxy'];
  private nsp: Namespace<Record<string, never>, TrackServerEvents> | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly shares: TrackRepository,
    private readonly sockets: TrackSockets,
    private readonly hub: RealtimeHub,
    private readonly limits: TrackRateLimit,
    @Inject(RELAY_CONFIG) config: RelayConfig,
  ) {
    this.origins = new OriginPolicy(config);
    this.trustProxy = config.trustProxy;
  }

  afterInit(nsp: Namespace<Record<string, never>, TrackServerEvents>): void {
    this.nsp = nsp;
    nsp.use((socket, next) => {
      if (this.origins.foreignOrigin(socket.request) !== null) return next(new Error('CROSS_ORIGIN'));
      // The same per-address budgets as the page's HTTP routes: a handshake is a request, an unknown link a miss.
      const address = proxyaddr(socket.request, this.trustProxy);
      if (!this.limits.allows(address)) return next(new Error('RATE_LIMITED'));
      const notFound = () => {
        this.limits.missed(address);
        next(new Error('NOT_FOUND'));
      };
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      // A token Relay never made costs no database round trip (the same shape check as the HTTP routes).
      if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return notFound();
      this.shares
        .resolve(tokenHash(token))
        .then((share) => {
          if (!share) return notFound();
          (socket.data as TrackSocketData) = { shareId: share.shareId, cardId: share.cardId, expiresAt: share.expiresAt.getTime() };
          next();
        })
        .catch((err) => {
          this.logger.warn(`track socket auth failed: ${err}`);
          next(new Error('UNAVAILABLE'));
        });
    });
    this.sockets.attach(nsp);
    this.hub.onCardsChanged((ids, all) => this.sockets.changed(ids, all));
    this.sweeper = setInterval(() => void this.sweep().catch((e) => this.logger.warn(`track sweep failed: ${e}`)), TRACK_SWEEP_MS).unref();
  }

  handleConnection(socket: Socket): void {
    const data = socket.data as TrackSocketData;
    void socket.join([trackRoom(data.cardId), shareRoom(data.shareId)]);
    // A timer's delay is at most 2^31-1 ms (about 24 days); the sweep ends sockets of links expiring later.
    const expiry = setTimeout(() => end(socket), Math.min(2 ** 31 - 1, Math.max(0, data.expiresAt - Date.now())));
    expiry.unref();
    socket.once('disconnect', () => clearTimeout(expiry));
  }

  /** Closes this instance's customer sockets whose link is no longer live. */
  async sweep(): Promise<number> {
    if (!this.nsp) return 0;
    const sockets = [...this.nsp.sockets.values()];
    const live = await this.shares.liveAmong([...new Set(sockets.map((s) => (s.data as TrackSocketData).shareId))]);
    let closed = 0;
    for (const socket of sockets) {
      if (!live.has((socket.data as TrackSocketData).shareId) && socket.connected) {
        end(socket);
        closed++;
      }
    }
    return closed;
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}

function end(socket: Socket): void {
  socket.emit('track.ended', {});
  socket.disconnect(true);
}
