import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { AdjustableClock, Clock, SystemClock } from './common/clock.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import type { RelayConfig } from './config/config.js';
import { RELAY_CONFIG } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { AdminController } from './modules/admin/admin.controller.js';
import { AdminRepository } from './modules/admin/admin.repository.js';
import { AdminService } from './modules/admin/admin.service.js';
import { AuthController } from './modules/auth/auth.controller.js';
import { AuthGuard } from './modules/auth/auth.guard.js';
import { AuthService } from './modules/auth/auth.service.js';
import { SessionPurge } from './modules/auth/session-purge.js';
import { SessionsRepository } from './modules/auth/sessions.repository.js';
import { ChangeSignals } from './common/change-signals.js';
import { DatabaseStatus } from './common/database-status.js';
import { BoardController } from './modules/board/board.controller.js';
import { BoardService } from './modules/board/board.service.js';
import { AttachmentsService } from './modules/cards/attachments.service.js';
import { CardHistoryRepository } from './modules/cards/card-history.repository.js';
import { CardWriter } from './modules/cards/card-writer.js';
import { CardsController } from './modules/cards/cards.controller.js';
import { CardsRepository } from './modules/cards/cards.repository.js';
import { CardsService } from './modules/cards/cards.service.js';
import { ChecklistService } from './modules/cards/checklist.service.js';
import { HealthController } from './modules/health/health.controller.js';
import { DigestRepository } from './modules/notifications/digest.repository.js';
import { DigestService } from './modules/notifications/digest.service.js';
import { EmailOutboxRepository } from './modules/notifications/email-outbox.repository.js';
import { MailerService } from './modules/notifications/mailer.service.js';
import { NotificationsController } from './modules/notifications/notifications.controller.js';
import { NotificationsRepository } from './modules/notifications/notifications.repository.js';
import { NotificationsService } from './modules/notifications/notifications.service.js';
import { StuckController } from './modules/stuck/stuck.controller.js';
import { StuckRepository } from './modules/stuck/stuck.repository.js';
import { StuckService } from './modules/stuck/stuck.service.js';
import { TestClockController } from './modules/stuck/test-clock.controller.js';
import { PipelineRepository } from './modules/pipeline/pipeline.repository.js';
import { BoardEventsRepository } from './modules/realtime/board-events.repository.js';
import { RealtimeGateway } from './modules/realtime/realtime.gateway.js';
import { RealtimeHub } from './modules/realtime/realtime-hub.js';
import { CardShareController, TrackController } from './modules/track/track.controller.js';
import { TrackGateway } from './modules/track/track.gateway.js';
import { TrackRateLimit } from './modules/track/track-rate-limit.js';
import { TrackRepository } from './modules/track/track.repository.js';
import { TrackService } from './modules/track/track.service.js';
import { TrackSockets } from './modules/track/track-sockets.js';
import { UsersController } from './modules/users/users.controller.js';
import { UsersRepository } from './modules/users/users.repository.js';
import { UsersService } from './modules/users/users.service.js';

/** What every feature shares: configuration, the clock, people, sessions, the pipeline and the realtime relay. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: RelayConfig, clock: Clock): DynamicModule {
    const providers = [
      { provide: RELAY_CONFIG, useValue: config },
      { provide: Clock, useValue: clock },
      ChangeSignals,
      DatabaseStatus,
      SessionsRepository,
      UsersRepository,
      AdminRepository,
      NotificationsRepository,
      NotificationsService,
      EmailOutboxRepository,
      MailerService,
      DigestRepository,
      DigestService,
      PipelineRepository,
      BoardEventsRepository,
      RealtimeHub,
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}

@Module({ controllers: [AuthController], providers: [AuthService, SessionPurge] })
class AuthModule {}

@Module({ controllers: [UsersController], providers: [UsersService] })
class UsersModule {}

/** Uploads: one file, up to RELAY_MAX_UPLOAD_BYTES (staff and customers alike). */
const uploads = () =>
  MulterModule.registerAsync({
    inject: [RELAY_CONFIG],
    useFactory: (c: RelayConfig) => ({
      dest: join(c.dataDir, 'files', 'incoming'),
      limits: { fileSize: c.maxUploadBytes, files: 1, fields: 10 },
      // Browsers send a file's name as raw UTF-8 bytes; busboy would read them as latin1 ("Ã©" for "é").
      defParamCharset: 'utf8',
    }),
  });

@Module({
  imports: [uploads()],
  controllers: [CardsController, BoardController, NotificationsController],
  providers: [CardsRepository, CardHistoryRepository, CardWriter, CardsService, ChecklistService, AttachmentsService, BoardService],
  exports: [CardsRepository, CardWriter, CardHistoryRepository, ChecklistService, AttachmentsService],
})
class CardsModule {}

@Module({
  imports: [CardsModule, uploads()],
  controllers: [CardShareController, TrackController],
  providers: [TrackRepository, TrackSockets, TrackRateLimit, TrackService, TrackGateway],
})
class TrackModule {}

@Module({ providers: [RealtimeGateway] })
class RealtimeModule {}

@Module({
  imports: [CardsModule],
  controllers: [StuckController],
  providers: [StuckRepository, StuckService],
  exports: [StuckService],
})
class StuckModule {}

@Module({ imports: [CardsModule], controllers: [AdminController], providers: [AdminService] })
class AdminModule {}

export interface AppOptions {
  config: RelayConfig;
  databaseUrl: string;
  clock?: Clock;
}

export function createClock(config: RelayConfig): Clock {
  return config.testClock ? new AdjustableClock() : new SystemClock();
}

export function appModule({ config, databaseUrl, clock }: AppOptions): DynamicModule {
  return {
    module: class RelayAppModule {},
    imports: [
      TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
      CoreModule.forRoot(config, clock ?? createClock(config)),
      AuthModule,
      UsersModule,
      CardsModule,
      RealtimeModule,
      StuckModule,
      AdminModule,
      TrackModule,
    ],
    controllers: [HealthController, ...(config.testClock ? [TestClockController] : [])],
    providers: [
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: HttpErrorFilter },
    ],
  };
}
