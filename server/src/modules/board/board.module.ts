import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { BoardController } from './board.controller.js';
import { BoardService } from './board.service.js';

/** The whole board in one read, and the events a reconnecting client missed. */
@Module({
  imports: [CardsModule, PipelineModule, RealtimeModule, SettingsModule],
  controllers: [BoardController],
  providers: [BoardService],
})
export class BoardModule {}
