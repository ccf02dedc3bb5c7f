import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DatabaseModule } from '../../common/database.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SessionPurge } from './session-purge.js';

/** Sign-in, sessions, invitations accepted, passwords; the guard every request passes. */
@Module({
  imports: [DatabaseModule, RealtimeModule],
  controllers: [AuthController],
  providers: [AuthService, SessionPurge, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
