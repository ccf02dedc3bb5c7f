import { Logger } from '@nestjs/common';
import { decode, encode } from '@msgpack/msgpack';
import { PostgresAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { type ClusterAdapterOptions, type ClusterMessage, MessageType } from 'socket.io-adapter';
import type { Namespace } from 'socket.io';
import { isDatabaseUnavailable } from '../../common/database-status.js';

const CHANNEL_PREFIX = 'socket.io';
const TABLE = 'socket_io_attachments';
/** NOTIFY payloads are limited to 8000 bytes; larger messages go through the attachments table (as the adapter's own client does). */
const PAYLOAD_THRESHOLD = 8000;
const CLEANUP_MS = 30_000;

function hasBinary(obj: unknown, toJSON = false): boolean {
  if (!obj || typeof obj !== 'object') return false;
  if (obj instanceof ArrayBuffer || ArrayBuffer.isView(obj)) return true;
  if (Array.isArray(obj)) return obj.some((x) => hasBinary(x));
  for (const key of Object.keys(obj)) if (hasBinary((obj as Record<string, unknown>)[key])) return true;
  const j = (obj as { toJSON?: () => unknown }).toJSON;
  return typeof j === 'function' && !toJSON ? hasBinary(j.call(obj), true) : false;
}

type Uid = { uid: string };

/**
 * The transport under @socket.io/postgres-adapter's PostgresAdapter, in place of the package's own
 * PubSubClient (same channels, payloads and attachments table, so instances interoperate), because that
 * client:
 *
 * - LISTENs on a connection checked out of the pool without an `error` listener: a PostgreSQL restart raised
 *   an unhandled `error` and killed the process; its reconnection also leaked the dead client's pool slot.
 *   Here the LISTEN connection is a client of its own, and is re-opened (every second at first, then up to
 *   every 5 s) until the database is back, logged once per outage.
 * - publishes concurrently over the pool: NOTIFYs sent by one instance reached other instances, and (the
 *   adapter delivers locally once the publish resolves) its own sockets, out of order. Here publishes are
 *   chained, one at a time in the order emitted; `drained()` resolves once those queued so far are sent.
 */
export class PostgresPubSub {
  private readonly channels = new Set<string>();
  private readonly adapters = new Map<string, Uid>();
  private listener: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private readonly cleanup: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  private failures = 0;
  private closed = false;
  private readonly logger = new Logger('SocketAdapter');

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.cleanup = setInterval(() => {
      pool.query(`DELETE FROM ${TABLE} WHERE created_at < now() - interval '${CLEANUP_MS} milliseconds'`).catch((e) => this.failed(e));
    }, CLEANUP_MS).unref();
    void this.listen();
  }

  /** The adapter factory for `server.adapter()` (socket.io calls it with `new`, hence a function). */
  factory(opts: ClusterAdapterOptions): (nsp: Namespace) => RelayPostgresAdapter {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const pubsub = this;
    return function (nsp: Namespace) {
      const adapter = new RelayPostgresAdapter(nsp, opts, pubsub);
      pubsub.adapters.set(nsp.name, adapter as unknown as Uid);
      pubsub.addChannel(`${CHANNEL_PREFIX}#${nsp.name}`);
      const close = adapter.close.bind(adapter);
      adapter.close = () => {
        pubsub.adapters.delete(nsp.name);
        return close();
      };
      return adapter;
    };
  }

  /** Queues a message behind every one published before it. Never rejects (the cluster adapter expects that). */
  publish(message: ClusterMessage): Promise<void> {
    const sent = this.chain.then(() => this.send(message)).catch((e) => this.failed(e));
    this.chain = sent;
    return sent;
  }

  /** Resolves once every message queued so far has been handed to PostgreSQL (or failed). */
  drained(): Promise<void> {
    return this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.cleanup);
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.chain;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private async send(message: ClusterMessage): Promise<void> {
    const channel = `${CHANNEL_PREFIX}#${message.nsp}`;
    const carriesData = [
      MessageType.BROADCAST,
      MessageType.BROADCAST_ACK,
      MessageType.SERVER_SIDE_EMIT,
      MessageType.SERVER_SIDE_EMIT_RESPONSE,
    ].includes(message.type);
    let payload = carriesData && hasBinary(message) ? null : JSON.stringify(message);
    if (payload === null || Buffer.byteLength(payload) > PAYLOAD_THRESHOLD) {
      const { rows } = await this.pool.query(`INSERT INTO ${TABLE} (payload) VALUES ($1) RETURNING id`, [Buffer.from(encode(message))]);
      payload = JSON.stringify({ uid: message.uid, type: message.type, attachmentId: rows[0].id });
    }
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  private addChannel(channel: string): void {
    if (this.channels.has(channel)) return;
    this.channels.add(channel);
    this.listener?.query(`LISTEN "${channel}"`).catch((e) => this.failed(e));
  }

  private async onNotification(n: pg.Notification): Promise<void> {
    try {
      let message = JSON.parse(n.payload ?? 'null') as (ClusterMessage & { attachmentId?: string }) | null;
      if (!message || this.adapters.get(message.nsp)?.uid === message.uid) return;
      if (message.attachmentId) {
        const { rows } = await this.pool.query(`SELECT payload FROM ${TABLE} WHERE id = $1`, [message.attachmentId]);
        if (!rows[0]) return;
        message = decode(rows[0].payload) as ClusterMessage;
      }
      (this.adapters.get(message.nsp) as unknown as { onMessage(m: ClusterMessage): void } | undefined)?.onMessage(message);
    } catch (e) {
      this.failed(e);
    }
  }

  private async listen(): Promise<void> {
    this.reconnect = null;
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'relay-socket-adapter-listen',
      connectionTimeoutMillis: 5_000,
    });
    let lost = false;
    const onLost = (err: unknown) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      if (this.failures++ === 0)
        this.logger.warn(
          `lost the LISTEN connection (${err instanceof Error ? err.message : String(err)}); live events from other instances resume when it is back`,
        );
      this.reconnect = setTimeout(() => void this.listen(), Math.min(5_000, 1_000 * this.failures)).unref();
    };
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('connection ended')));
    client.on('notification', (n) => void this.onNotification(n));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN "${channel}"`);
      if (lost || this.closed) return void client.end().catch(() => undefined);
      this.listener = client;
      if (this.failures > 0) this.logger.warn('LISTEN connection is back: live events from other instances flow again');
      this.failures = 0;
    } catch (err) {
      onLost(err);
    }
  }

  /** Connection errors are the LISTEN connection's to report (once per outage); anything else is logged. */
  private failed(err: unknown): void {
    if (isDatabaseUnavailable(err)) return;
    this.logger.warn(`publish failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** PostgresAdapter on a PostgresPubSub; `drained()` tells when what it broadcast so far has been sent. */
export class RelayPostgresAdapter extends PostgresAdapter {
  constructor(
    nsp: Namespace,
    opts: ClusterAdapterOptions,
    private readonly pubsub: PostgresPubSub,
  ) {
    super(nsp, opts, pubsub as never);
  }

  drained(): Promise<void> {
    return this.pubsub.drained();
  }
}
