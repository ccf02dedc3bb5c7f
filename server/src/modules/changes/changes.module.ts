import { Module } from '@nestjs/common';
import { CardsRepository } from '../cards/cards.repository.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { BoardEventsRepository } from '../realtime/board-events.repository.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { CardHistoryRepository } from './card-history.repository.js';
import { ChangeWriter } from './change-writer.js';

/**
 * The write path: the change writer, the card history it owns, and the statement parts of the tables every
 * change writes (cards, board_events, notifications), composed into one statement. Those repositories are
 * stateless and declared here for the writer alone; nothing but ChangeWriter is exported.
 */
@Module({
  imports: [PipelineModule, RealtimeModule, NotificationsModule],
  providers: [ChangeWriter, CardHistoryRepository, CardsRepository, BoardEventsRepository, NotificationsRepository],
  exports: [ChangeWriter],
})
export class ChangesModule {}
