import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { UsersModule } from '../users/users.module.js';
import { AdminController } from './admin.controller.js';
import { AdminService } from './admin.service.js';

/** The pipeline's shape (lanes, checklists, departments) and the audit log. */
@Module({ imports: [ChangesModule, UsersModule], controllers: [AdminController], providers: [AdminService] })
export class AdminModule {}
