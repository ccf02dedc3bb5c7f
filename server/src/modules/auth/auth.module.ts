import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SessionsModule } from './sessions.module.js';

/** Sign-in, invitations accepted, passwords changed, sign-out. */
@Module({ imports: [SessionsModule, UsersModule, RealtimeModule], controllers: [AuthController], providers: [AuthService] })
export class AuthModule {}
