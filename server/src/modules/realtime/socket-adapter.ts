import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import type { RelayConfig } from '../../config/config.js';

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
    await Promise.all([pub.connect(), sub.connect()]);
    factory = createRedisAdapter(pub, sub);
    cleanups.push(
      () => pub.quit(),
      () => sub.quit(),
    );
    logger.log('live events shared between instances through Redis');
  } else if (config.socketAdapter === 'postgres') {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, application_name: 'relay-socket-adapter' });
    pool.on('error', (err) => logger.warn(`adapter pool: ${err.message}`));
    factory = createPostgresAdapter(pool, { heartbeatInterval: 5_000, cleanupInterval: 30_000 });
    cleanups.push(() => pool.end());
    logger.log('live events shared between instances through PostgreSQL');
  }
  app.useWebSocketAdapter(new RelayIoAdapter(app, factory));
  const close = app.close.bind(app);
  (app as { close: () => Promise<void> }).close = async () => {
    await close();
    for (const c of cleanups) await c().catch(() => undefined);
  };
}
