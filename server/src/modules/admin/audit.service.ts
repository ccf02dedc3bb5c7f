import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AdminRepository } from './admin.repository.js';

/** The admin audit log as other features write to it (who changed whom), inside their transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AdminRepository) {}

  record(m: EntityManager, entry: Parameters<AdminRepository['audit']>[1]): Promise<void> {
    return this.repo.audit(m, entry);
  }
}
