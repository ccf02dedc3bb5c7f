import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { AdjustableClock, Clock } from '../../common/clock.js';
import { Roles } from '../../common/current-user.js';

export class AdvanceClockDto {
  @IsInt({ message: 'advanceMinutes must be a whole number of minutes' })
  @Min(1, { message: 'advanceMinutes must be at least 1' })
  @Max(525_600, { message: 'advanceMinutes must be at most a year' })
  advanceMinutes: number;
}

/** Exists only with RELAY_TEST_CLOCK=1 (refused in production): moves the pipeline's clock forward. */
@ApiTags('test clock')
@Controller('test')
export class TestClockController {
  constructor(private readonly clock: Clock) {}

  @Post('clock')
  @HttpCode(200)
  @Roles('admin')
  advance(@Body() dto: AdvanceClockDto) {
    return { now: (this.clock as AdjustableClock).advance(dto.advanceMinutes).toISOString() };
  }
}
