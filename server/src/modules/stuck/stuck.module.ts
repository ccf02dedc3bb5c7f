import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../common/database.module.js';
import { CardsModule } from '../cards/cards.module.js';
import { ChangesModule } from '../changes/changes.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { StuckController } from './stuck.controller.js';
import { StuckRepository } from './stuck.repository.js';
import { StuckService } from './stuck.service.js';

/** The stuck scan (health, nudges, escalations), the stuck list, metrics and reminders. */
@Module({
  imports: [DatabaseModule, CardsModule, ChangesModule, NotificationsModule, PipelineModule, RealtimeModule],
  controllers: [StuckController],
  providers: [StuckRepository, StuckService],
  exports: [StuckService],
})
export class StuckModule {}
