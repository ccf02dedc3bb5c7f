import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { type CardListQuery, type CardSummary, SALES_FORM_FIELDS, sortParts } from '@relay/shared';
import { stringify } from 'csv-stringify';
import { Clock } from '../../common/clock.js';
import { invalid } from '../../common/domain-error.js';
import type { PipelineConfig } from '../pipeline/pipeline.repository.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { summaryFromRow } from './card-mapper.js';
import { CardsListRepository, cardsQuery, type ListFilter } from './cards-list.repository.js';

export type ListItem = CardSummary & {
  customerName: string;
  contactName: string;
  contactEmail: string;
  createdAt: string;
  closedAt: string | null;
};

/** Rows the export reads per statement. */
export const EXPORT_BATCH = 1000;

/** A cell a spreadsheet would run as a formula (= + - @, tab, CR) starts with ' instead (OWASP CSV injection). */
export const guardFormula = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const badCursor = () => invalid('cursor', 'not a cursor this list gave (for this sort)');

/** GET /api/cards: every card, open and closed, filtered and searched, a page at a time (keyset cursor). */
@Injectable()
export class CardsListService {
  constructor(
    private readonly repo: CardsListRepository,
    private readonly pipelines: PipelineService,
    private readonly clock: Clock,
  ) {}

  /** The filter the query asks for, without paging. */
  private filter(query: CardListQuery, config: PipelineConfig, now: Date): Omit<ListFilter, 'after' | 'limit'> {
    const { field, descending } = sortParts(query.sort);
    return {
      pipelineId: config.pipeline.id,
      now,
      tsquery: query.q ? cardsQuery(query.q) : null,
      status: query.status,
      lane: query.lane,
      health: query.health,
      closedFrom: query.closedFrom,
      closedTo: query.closedTo,
      sort: field,
      descending,
    };
  }

  async list(query: CardListQuery): Promise<{ items: ListItem[]; nextCursor: string | null }> {
    const config = await this.pipelines.load();
    const now = this.clock.now();
    const { sort, limit } = query;
    let after: { key: string; id: string } | null = null;
    if (query.cursor) {
      try {
        const [key, id, s] = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as unknown[];
        if (typeof key !== 'string' || typeof id !== 'string' || s !== sort || !/^[0-9a-f-]{36}$/.test(id)) throw badCursor();
        after = { key, id };
      } catch {
        throw badCursor();
      }
    }
    const rows = await this.repo.list({ ...this.filter(query, config, now), after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        ...summaryFromRow(r, config, now),
        customerName: r.customerName,
        contactName: r.contactName,
        contactEmail: r.contactEmail,
        createdAt: r.createdAt,
        closedAt: r.closedAt,
      })),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.sortKey, last.id, sort])).toString('base64url') : null,
    };
  }

  /**
   * GET /api/cards/export.csv: every card the list's filters match (no paging), written to `out` as CSV in
   * batches of EXPORT_BATCH rows read by keyset, each written only once `out` has room (constant memory).
   */
  async exportCsv(query: CardListQuery, out: Writable): Promise<void> {
    const config = await this.pipelines.load();
    const base = this.filter(query, config, this.clock.now());
    const lanes = [...config.lanes].sort((a, b) => a.position - b.position);
    const csv = stringify({ bom: true, cast: { string: guardFormula } });
    csv.pipe(out);
    csv.write([
      ...SALES_FORM_FIELDS,
      'lane',
      'segment',
      'assignee',
      'riskFlag',
      'createdAt',
      'closedAt',
      'goLiveDate',
      ...lanes.map((l) => `hours in ${l.name}`),
    ]);
    let after: ListFilter['after'] = null;
    for (;;) {
      const rows = await this.repo.exportBatch({ ...base, after, limit: EXPORT_BATCH });
      for (const r of rows) {
        const line = [
          ...SALES_FORM_FIELDS.map((k) => (k === 'services' ? (Array.isArray(r.services) ? r.services.join('; ') : '') : (r[k] ?? ''))),
          r.laneName,
          '',
          r.assigneeName ?? '',
          r.riskFlag,
          r.createdAt,
          r.closedAt ?? '',
          r.goLiveDate ?? '',
          ...lanes.map((l) => {
            const secs = r.laneSeconds?.[l.key];
            return secs === undefined ? '' : (secs / 3600).toFixed(2);
          }),
        ];
        if (!csv.write(line)) await once(csv, 'drain');
      }
      if (rows.length < EXPORT_BATCH) break;
      const last = rows.at(-1)!;
      after = { key: last.sortKey, id: last.id };
    }
    csv.end();
    await finished(out);
  }
}
