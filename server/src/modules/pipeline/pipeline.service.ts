import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PipelineRepository, type PipelineConfig } from './pipeline.repository.js';

/** The pipeline's lanes and checklists as every feature reads them (cached per instance: PipelineRepository). */
@Injectable()
export class PipelineService {
  constructor(private readonly repo: PipelineRepository) {}

  load(m?: EntityManager): Promise<PipelineConfig> {
    return this.repo.load(m);
  }

  defaultPipelineId(): Promise<string> {
    return this.repo.defaultPipelineId();
  }

  /** This instance reads its own change to the pipeline at once (the others drop their cache on the NOTIFY). */
  invalidate(): void {
    this.repo.invalidate();
  }

  boardHeader(m: EntityManager, pipelineId: string): ReturnType<PipelineRepository['boardHeader']> {
    return this.repo.boardHeader(m, pipelineId);
  }
}
