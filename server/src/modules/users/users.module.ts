import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** People: the admin's user list, invitations, roles and departments. */
@Module({ imports: [RealtimeModule], controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
