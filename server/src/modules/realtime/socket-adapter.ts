import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import type { RelayConfig } from '../../config/config.js';
import { PostgresPubSub } from './postgres-pubsub.js';

type AdapterFactory = Parameters<Server['adapter']>[0];

/** socket.io with the adapter that carries events between instances: Redis when REDIS_URL is set, else PostgreSQL unless turned off. */
class RelayIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly factory: AdapterFactory | null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, pingInterval: 20_000, pingTimeout: 20_000 } as ServerOptions);
    if (this.factory) server.adapter(this.factory);
    return server;
  }
}

export async function configureSocketAdapter(
  app: INestApplicationContext & { useWebSocketAdapter(a: IoAdapter): unknown },
  config: RelayConfig,
  databaseUrl: string,
): Promise<void> {
  const logger = new Logger('SocketAdapter');
  let factory: AdapterFactory | null = null;
  const cleanups: (() => Promise<unknown>)[] = [];
  if (config.redisUrl) {
    const pub = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
    // Without an `error` listener a Redis outage would kill the process. The clients reconnect by themselves;
    // the outage is logged once per client, and its end.
    for (const [name, client] of [
      ['publisher', pub],
      ['subscriber', sub],
    ] as const) {
      let down = false;
      client.on('error', (err: Error) => {
        if (down) return;
        down = true;
        logger.warn(`Redis ${name} connection lost (${err.message}); live events between instances resume when it is back`);
      });
      client.on('ready', () => {
        if (!down) return;
        down = false;
        logger.warn(`Redis ${name} connection is back`);
      });
    }
    await Promise.all([pub.connect(), sub.connect()]);
    factory = createRedisAdapter(pub, sub);
    cleanups.push(
      () => pub.quit(),
      () => sub.quit(),
    );
    logger.log('live events shared between instances through Redis');
  } else if (config.socketAdapter === 'postgres') {
    // Publishing only (one at a time); the LISTEN connection is PostgresPubSub's own.
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 3,
      application_name: 'relay-socket-adapter',
      connectionTimeoutMillis: 5_000,
    });
    // A connection lost while idle in the pool, or while checked out by a query (which then fails on its own).
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const pubsub = new PostgresPubSub(pool, databaseUrl);
    factory = pubsub.factory({ heartbeatInterval: 5_000 }) as AdapterFactory;
    cleanups.push(
      () => pubsub.close(),
      () => pool.end(),
    );
    logger.log('live events shared between instances through PostgreSQL');
  }
  app.useWebSocketAdapter(new RelayIoAdapter(app, factory));
  const close = app.close.bind(app);
  (app as { close: () => Promise<void> }).close = async () => {
    await close();
    for (const c of cleanups) await c().catch(() => undefined);
  };
}
