import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../common/database.module.js';
import { AuditModule } from '../admin/audit.module.js';
import { SettingsController } from './settings.controller.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsService } from './settings.service.js';

/** The organisation's settings row: read by every signed-in person, changed by admins, audited. */
@Module({
  imports: [DatabaseModule, AuditModule],
  controllers: [SettingsController],
  providers: [SettingsRepository, SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
