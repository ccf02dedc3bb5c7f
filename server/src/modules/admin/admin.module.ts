import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module.js';
import { ChangesModule } from '../changes/changes.module.js';
import { UsersModule } from '../users/users.module.js';
import { AdminController } from './admin.controller.js';
import { AdminRepository } from './admin.repository.js';
import { AdminService } from './admin.service.js';

/** The pipeline's shape (lanes, checklists, departments) and the audit log. */
@Module({
  imports: [ChangesModule, UsersModule, SessionsModule],
  controllers: [AdminController],
  providers: [AdminRepository, AdminService],
})
export class AdminModule {}
