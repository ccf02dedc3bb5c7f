import { applyDecorators, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CARD_LIST_PARAM_NAMES, type CardListQuery, type FieldError, parseCardListQuery } from '@relay/shared';
import type { Response } from 'express';
import { Clock } from '../../common/clock.js';
import { assertNoFieldErrors } from '../../common/domain-error.js';
import { CardsListService } from './cards-list.service.js';

const PARAM_NAMES: readonly string[] = CARD_LIST_PARAM_NAMES;

/**
 * The list's query read by shared's parseCardListQuery (the rule the client writes its links with): a bad
 * parameter, or one the list does not take, is a 400 VALIDATION_FAILED naming it.
 */
function listQuery(raw: Record<string, unknown>): CardListQuery {
  const { query, errors } = parseCardListQuery(raw);
  const unknown: FieldError[] = Object.keys(raw)
    .filter((name) => !PARAM_NAMES.includes(name))
    .map((field) => ({ field, message: `${field} is not an accepted field` }));
  assertNoFieldErrors([...errors, ...unknown]);
  return query;
}

/** The list's parameters in the OpenAPI document (their rules: shared/src/rules/card-list-query.ts). */
const ListParams = () => applyDecorators(...CARD_LIST_PARAM_NAMES.map((name) => ApiQuery({ name, required: false, type: String })));

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
  @ListParams()
  async exportCsv(@Query() raw: Record<string, unknown>, @Res() res: Response) {
    const q = listQuery(raw);
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
  @ListParams()
  get(@Query() raw: Record<string, unknown>) {
    return this.list.list(listQuery(raw));
  }
}
