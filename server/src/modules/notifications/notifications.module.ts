import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../common/database.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { DigestRepository } from './digest.repository.js';
import { DigestService } from './digest.service.js';
import { EmailOutboxRepository } from './email-outbox.repository.js';
import { MailerService } from './mailer.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** The bell, preferences, reminders' slots, the daily digest and the email outbox. */
@Module({
  imports: [DatabaseModule, RealtimeModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, EmailOutboxRepository, MailerService, DigestRepository, DigestService],
  exports: [NotificationsService, MailerService],
})
export class NotificationsModule {}
