import { Injectable } from '@nestjs/common';
import type { CardSummary } from '@relay/shared';
import { Clock } from '../../common/clock.js';
import { invalid } from '../../common/domain-error.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { summaryFromRow } from './card-mapper.js';
import { CardsListRepository, cardsQuery, type ListHealth, type ListSort } from './cards-list.repository.js';

export interface ListQuery {
  q?: string;
  status?: 'open' | 'closed' | 'all';
  lane?: string;
  segment?: string;
  health?: ListHealth;
  closedFrom?: string;
  closedTo?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export type ListItem = CardSummary & {
  customerName: string;
  contactName: string;
  contactEmail: string;
  createdAt: string;
  closedAt: string | null;
};

const badCursor = () => invalid('cursor', 'not a cursor this list gave (for this sort)');

/** GET /api/cards: every card, open and closed, filtered and searched, a page at a time (keyset cursor). */
@Injectable()
export class CardsListService {
  constructor(
    private readonly repo: CardsListRepository,
    private readonly pipelines: PipelineService,
    private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<{ items: ListItem[]; nextCursor: string | null }> {
    const config = await this.pipelines.load();
    const now = this.clock.now();
    const sort = query.sort ?? '-created';
    const descending = sort.startsWith('-');
    const limit = query.limit ?? 50;
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
    const rows = await this.repo.list({
      pipelineId: config.pipeline.id,
      now,
      tsquery: query.q ? cardsQuery(query.q) : null,
      status: query.status ?? 'all',
      lane: query.lane ?? null,
      health: query.health ?? null,
      closedFrom: query.closedFrom ?? null,
      closedTo: query.closedTo ?? null,
      sort: sort.replace(/^-/, '') as ListSort,
      descending,
      after,
      limit: limit + 1,
    });
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
}
