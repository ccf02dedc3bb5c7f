import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../common/database.module.js';
import { PipelineRepository } from './pipeline.repository.js';
import { PipelineService } from './pipeline.service.js';

/** Lanes and checklist templates: read by every feature, changed by the admin's pipeline edits. */
@Module({ imports: [DatabaseModule], providers: [PipelineRepository, PipelineService], exports: [PipelineService] })
export class PipelineModule {}
