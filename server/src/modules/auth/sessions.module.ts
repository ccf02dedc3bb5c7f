import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DatabaseModule } from '../../common/database.module.js';
import { AuthGuard } from './auth.guard.js';
import { SessionPurge } from './session-purge.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/**
 * Sessions (with their cache), invitations, sign-in attempts, and the guard every request passes. Below sign-in
 * (AuthModule) and people (UsersModule), which both use it; the socket gateway checks its sessions here too.
 */
@Module({
  imports: [DatabaseModule],
  providers: [SessionsRepository, SessionsService, SessionPurge, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionsService],
})
export class SessionsModule {}
