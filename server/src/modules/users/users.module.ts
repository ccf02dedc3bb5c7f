import { Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit.module.js';
import { SessionsModule } from '../auth/sessions.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** People: the admin's user list, invitations, roles and departments, and who someone is for the rest. */
@Module({
  imports: [SessionsModule, RealtimeModule, AuditModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
