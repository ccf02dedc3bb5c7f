import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { ChangesModule } from '../changes/changes.module.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { UsersModule } from '../users/users.module.js';
import { AttachmentsService } from './attachments.service.js';
import { CardsListController } from './cards-list.controller.js';
import { CardsListRepository } from './cards-list.repository.js';
import { CardsListService } from './cards-list.service.js';
import { CardsController } from './cards.controller.js';
import { CardsRepository } from './cards.repository.js';
import { CardsService } from './cards.service.js';
import { ChecklistService } from './checklist.service.js';

/** Uploads: one file, up to RELAY_MAX_UPLOAD_BYTES (staff and customers alike). */
export const uploads = () =>
  MulterModule.registerAsync({
    inject: [RELAY_CONFIG],
    useFactory: (c: RelayConfig) => ({
      dest: join(c.dataDir, 'files', 'incoming'),
      limits: { fileSize: c.maxUploadBytes, files: 1, fields: 10 },
      // Browsers send a file's name as raw UTF-8 bytes; busboy would read them as latin1 ("Ã©" for "é").
      defParamCharset: 'utf8',
    }),
  });

/** Cards: the sales form, details and tracker, the checklist gate and moves, comments, pickup and attachments. */
@Module({
  imports: [uploads(), ChangesModule, PipelineModule, UsersModule],
  controllers: [CardsListController, CardsController],
  providers: [CardsRepository, CardsListRepository, CardsService, CardsListService, ChecklistService, AttachmentsService],
  exports: [CardsService, ChecklistService, AttachmentsService],
})
export class CardsModule {}
