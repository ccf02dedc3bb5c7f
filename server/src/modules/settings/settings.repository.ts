import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeSignals, SETTINGS_CHANGED_CHANNEL, SignalledCache } from '../../common/change-signals.js';
import { T } from '../../database/schema/index.js';

const S = T.settings;

export interface Settings {
  doneVisibleDays: number;
  touchCadenceDays: number | null;
  calendar: null;
}

/**
 * The settings row, cached per instance like the pipeline: every change sends SETTINGS_CHANGED_CHANNEL in its
 * transaction, so each instance drops its copy when the change commits.
 */
@Injectable()
export class SettingsRepository {
  private readonly cache: SignalledCache<1, Settings>;

  constructor(
    private readonly db: DataSource,
    signals: ChangeSignals,
  ) {
    this.cache = new SignalledCache(signals, SETTINGS_CHANGED_CHANNEL);
  }

  async get(m: EntityManager = this.db.manager): Promise<Settings> {
    return this.cache.get(1) ?? this.cache.fill(1, () => this.read(m));
  }

  private async read(m: EntityManager): Promise<Settings> {
    const row = await m.getRepository(S.entity).findOneByOrFail({ id: 1 });
    return { doneVisibleDays: row.doneVisibleDays, touchCadenceDays: row.touchCadenceDays, calendar: null };
  }

  /** Reads the row for update, applies `patch`, signals every instance; answers the settings before and after. */
  async update(m: EntityManager, patch: Partial<Omit<Settings, 'calendar'>>, at: Date): Promise<{ before: Settings; after: Settings }> {
    await m.query(`SELECT FROM ${S.table} WHERE ${S.c.id} = 1 FOR UPDATE`);
    const before = await this.read(m);
    await m.update(S.entity, { id: 1 }, { ...patch, updatedAt: at } as never);
    await m.query('SELECT pg_notify($1, $2)', [SETTINGS_CHANGED_CHANNEL, '']);
    this.cache.invalidate();
    return { before, after: await this.read(m) };
  }
}
