import { Module } from '@nestjs/common';
import { CardsModule, uploads } from '../cards/cards.module.js';
import { ChangesModule } from '../changes/changes.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { CardShareController, TrackController } from './track.controller.js';
import { TrackGateway } from './track.gateway.js';
import { TrackRateLimit } from './track-rate-limit.js';
import { TrackRepository } from './track.repository.js';
import { TrackService } from './track.service.js';
import { TrackSockets } from './track-sockets.js';

/** The customer's tracker: share links, the tracker page and its socket, the requests answered there. */
@Module({
  imports: [CardsModule, ChangesModule, NotificationsModule, PipelineModule, RealtimeModule, uploads()],
  controllers: [CardShareController, TrackController],
  providers: [TrackRepository, TrackSockets, TrackRateLimit, TrackService, TrackGateway],
})
export class TrackModule {}
