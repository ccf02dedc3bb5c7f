import { Injectable } from '@nestjs/common';
import type { User } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AuditService } from '../admin/audit.service.js';
import { SettingsRepository, type Settings } from './settings.repository.js';

/** The organisation's settings (`doneVisibleDays`, `touchCadenceDays`, `calendar`): anyone signed in reads, admins change. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: SettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get(m?: EntityManager): Promise<Settings> {
    return this.repo.get(m);
  }

  /** Applies the change and records it in the admin audit log, in one transaction. */
  update(patch: Partial<Omit<Settings, 'calendar'>>, user: User): Promise<Settings> {
    return this.db.transaction(async (m) => {
      const { before, after } = await this.repo.update(m, patch, this.clock.now());
      await this.audit.record(m, { actorId: user.id, entity: 'settings', entityId: 'settings', action: 'update', before, after });
      return after;
    });
  }
}
