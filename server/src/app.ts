import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlib } from 'node:zlib';
import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DataSource } from 'typeorm';
import { type AppOptions, appModule } from './app.module.js';
import { createRootLogger, RelayLogger, requestLog } from './common/logging.js';
import { isTrackPath, noStoreApi, OriginPolicy, refuseCrossOrigin, securityHeaders, trackHeaders } from './common/security.js';
import { relayValidationPipe } from './common/validation.js';
import { migrate } from './database/data-source.js';
import { seedDemoCards } from './database/demo-cards.js';
import { seedAdmin, seedDemoPeople, seedPipeline } from './database/seed.js';
import { RealtimeHub } from './modules/realtime/realtime-hub.js';
import { configureSocketAdapter } from './modules/realtime/socket-adapter.js';

/**
 * The fastest settings: the 2.4 MB answer of a 5,000-card board takes ~6 ms with brotli at quality 1 against
 * ~21 ms at the library's default 4, for a few percent more bytes; most of what compression saves is won at once.
 */
const FAST_COMPRESSION = { level: 1, brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } } };

export interface StartedApp {
  app: INestApplication;
  url: string;
  demoPeople: string[];
  close(): Promise<void>;
}

/** Builds the Nest application: API under /api, OpenAPI at /api/docs, the built board at /. */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const { config } = options;
  const logger = createRootLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(appModule(options), { logger: new RelayLogger(logger), bodyParser: false });
  app.use(requestLog(logger, (path) => path === '/api/health'));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(), noStoreApi, trackHeaders, compression(FAST_COMPRESSION));
  app.use(refuseCrossOrigin(new OriginPolicy(config)));
  app.useBodyParser('json', { limit: '256kb' });
  app.use(refuseUnreadableBodies);
  app.use(cookieParser());
  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalPipes(relayValidationPipe());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Relay API').setVersion('1').addBearerAuth().addCookieAuth('relay_session').build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/openapi.json' });
  if (config.clientDir && existsSync(join(config.clientDir, 'index.html'))) serveClient(app, config.clientDir);
  await configureSocketAdapter(app, config, options.databaseUrl);
  return app;
}

/**
 * A body the API cannot read (not JSON, not a multipart upload) would otherwise arrive as
 * "no body" and turn a write into a no-op: answer 415 instead.
 */
function refuseUnreadableBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!hasBody || !req.path.startsWith('/api') || type === 'application/json' || type === 'multipart/form-data') return next();
  const expected = req.path.endsWith('/attachments') ? 'multipart/form-data' : 'application/json';
  res.status(415).json({
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `body: send ${expected}${type ? `, not ${type}` : ''}`,
    details: { fields: [{ field: 'body', message: `body must be ${expected}` }] },
  });
}

/**
 * Paths the board never serves: the API and the socket.io endpoint (no file lookup, no index.html fallback),
 * and source maps, should a build have left any.
 */
const notClientPath = (path: string) => path.startsWith('/api') || path.startsWith('/socket.io') || path.endsWith('.map');

function serveClient(app: NestExpressApplication, dir: string): void {
  const assets = express.static(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache'),
  });
  // Every request would otherwise cost a stat in the client directory before it reaches its route.
  app.use((req: Request, res: Response, next: NextFunction) => (notClientPath(req.path) ? next() : assets(req, res, next)));
  // Client-side routes fall back to index.html.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || notClientPath(req.path)) return next();
    res.setHeader('Cache-Control', isTrackPath(req.path) ? 'no-store' : 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  });
}

/** Migrates, seeds, and listens. Used by `main.ts` and the integration tests alike. */
export async function startApp(options: AppOptions): Promise<StartedApp> {
  await migrate(options.databaseUrl);
  const app = await createApp(options);
  await app.init();
  const db = app.get(DataSource);
  await seedPipeline(db);
  const demoPeople = options.config.demo ? await seedDemoPeople(db, options.config.demoPassword) : [];
  if (options.config.demoCards && demoPeople.length) await seedDemoCards(db);
  if (options.config.admin && (await seedAdmin(db, options.config.admin)))
    new NestLogger('Relay').log(`Created the first administrator, ${options.config.admin.email}`, 'Relay');
  await app.listen(options.config.port, options.config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.config.port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    demoPeople,
    close: async () => {
      await app.get(RealtimeHub).settle();
      await app.close();
    },
  };
}
