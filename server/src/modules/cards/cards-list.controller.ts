import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { Response } from 'express';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Clock } from '../../common/clock.js';
import { LIST_SORTS } from './cards-list.repository.js';
import { CardsListService } from './cards-list.service.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const LIST_LIMIT_MAX = 200;

export class ListCardsQuery {
  @ApiPropertyOptional({ description: 'Words or word beginnings, any case or accents' })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed', 'all'] })
  @IsOptional()
  @IsIn(['open', 'closed', 'all'], { message: 'status must be open, closed or all' })
  status?: 'open' | 'closed' | 'all';

  @ApiPropertyOptional({ description: "A lane's key" })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: "lane must be a lane's key" })
  lane?: string;

  @ApiPropertyOptional({ description: 'Accepted and ignored until segments exist (issue 25)' })
  @IsOptional()
  @IsString({ message: 'segment must be text' })
  @MaxLength(40, { message: 'segment must be at most 40 characters' })
  segment?: string;

  @ApiPropertyOptional({ enum: ['ok', 'at_risk', 'stuck'] })
  @IsOptional()
  @IsIn(['ok', 'at_risk', 'stuck'], { message: 'health must be ok, at_risk or stuck' })
  health?: 'ok' | 'at_risk' | 'stuck';

  @ApiPropertyOptional({ description: 'YYYY-MM-DD: closed on or after (UTC)' })
  @IsOptional()
  @Matches(DATE, { message: 'closedFrom must be a date, YYYY-MM-DD' })
  closedFrom?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD: closed on or before (UTC)' })
  @IsOptional()
  @Matches(DATE, { message: 'closedTo must be a date, YYYY-MM-DD' })
  closedTo?: string;

  @ApiPropertyOptional({ description: `One of ${LIST_SORTS.join(', ')}; a leading - sorts descending (default -created)` })
  @IsOptional()
  @IsIn([...LIST_SORTS, ...LIST_SORTS.map((s) => `-${s}`)], {
    message: `sort must be one of ${LIST_SORTS.join(', ')}, each optionally with a leading -`,
  })
  sort?: string;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString({ message: 'cursor must be text' })
  @MaxLength(1000, { message: 'cursor is not a cursor this list gave' })
  cursor?: string;

  @ApiPropertyOptional({ description: `1..${LIST_LIMIT_MAX}, default 50` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(LIST_LIMIT_MAX, { message: `limit must be at most ${LIST_LIMIT_MAX}` })
  limit?: number;
}

/** The list of every card (open and closed) and its search. Declared before CardsController so `GET /cards` is not `:id`. */
@ApiTags('cards')
@Controller('cards')
export class CardsListController {
  constructor(
    private readonly list: CardsListService,
    private readonly clock: Clock,
  ) {}

  /** The list's cards (same filters; `cursor` and `limit` are ignored: every match) as CSV, streamed. */
  @Get('export.csv')
  @ApiProduces('text/csv')
  async exportCsv(@Query() q: ListCardsQuery, @Res() res: Response) {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="relay-cards-${this.clock.now().toISOString().slice(0, 10)}.csv"`);
    try {
      await this.list.exportCsv(q, res);
    } catch (err) {
      if (!res.headersSent) throw err;
      res.destroy(err as Error); // the answer is cut short: a partial file must not look complete
    }
  }

  /** Every signed-in role that sees the board. */
  @Get()
  get(@Query() q: ListCardsQuery) {
    return this.list.list(q);
  }
}
