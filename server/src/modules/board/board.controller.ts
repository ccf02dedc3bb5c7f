import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DomainError } from '../../common/domain-error.js';
import { BoardService } from './board.service.js';

export class EventsAfterQuery {
  @Type(() => Number)
  @IsInt({ message: 'after must be a whole number (a board seq)' })
  @Min(0, { message: 'after must be at least 0' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'after must be a board seq, at most 2^53 - 1' })
  after: number;
}

@ApiTags('board')
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  get() {
    return this.board.board();
  }

  /** What a client missed after `after`, in seq order; 410 when it is too far behind to catch up. */
  @Get('events')
  async events(@Query() q: EventsAfterQuery) {
    const result = await this.board.eventsAfter(q.after);
    if (result.tooFarBehind) throw new DomainError('GONE', 'Too many events missed: reload the board');
    return result.events;
  }
}
