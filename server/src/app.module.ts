import { type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdjustableClock, Clock, SystemClock } from './common/clock.js';
import { DatabaseModule } from './common/database.module.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import type { RelayConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BoardModule } from './modules/board/board.module.js';
import { CardsModule } from './modules/cards/cards.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { RealtimeModule } from './modules/realtime/realtime.module.js';
import { SettingsModule } from './modules/settings/settings.module.js';
import { StuckModule } from './modules/stuck/stuck.module.js';
import { TestClockModule } from './modules/stuck/test-clock.module.js';
import { TrackModule } from './modules/track/track.module.js';
import { UsersModule } from './modules/users/users.module.js';

export interface AppOptions {
  config: RelayConfig;
  databaseUrl: string;
  clock?: Clock;
}

export function createClock(config: RelayConfig): Clock {
  return config.testClock ? new AdjustableClock() : new SystemClock();
}

/** The application: its modules composed (each feature declares what it imports and exports). */
export function appModule({ config, databaseUrl, clock }: AppOptions): DynamicModule {
  return {
    module: class RelayAppModule {},
    imports: [
      TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
      ConfigModule.forRoot(config, clock ?? createClock(config)),
      DatabaseModule,
      AuthModule,
      UsersModule,
      CardsModule,
      BoardModule,
      NotificationsModule,
      RealtimeModule,
      StuckModule,
      AdminModule,
      TrackModule,
      HealthModule,
      SettingsModule,
      ...(config.testClock ? [TestClockModule] : []),
    ],
    providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
  };
}
