import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../common/database.module.js';
import { SessionsModule } from '../auth/sessions.module.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { BoardEventsRepository } from './board-events.repository.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeHub } from './realtime-hub.js';

/** The board's sockets: the hub that publishes committed board events and pushes to people's rooms, and the gateway they connect to. */
@Module({
  imports: [DatabaseModule, PipelineModule, SessionsModule],
  providers: [BoardEventsRepository, RealtimeHub, RealtimeGateway],
  exports: [RealtimeHub],
})
export class RealtimeModule {}
