import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { METRICS_ROLES, type User } from '@relay/shared';
import { CurrentUser, RequestId, Roles } from '../../common/current-user.js';
import { UuidPipe } from '../../common/validation.js';
import { RemindDto } from '../cards/dto/cards.dto.js';
import { StuckService } from './stuck.service.js';

@ApiTags('stuck cards')
@Controller()
export class StuckController {
  constructor(private readonly stuck: StuckService) {}

  /** Stuck cards, most overdue first. */
  @Get('stuck')
  @Roles(...METRICS_ROLES)
  list() {
    return this.stuck.stuck();
  }

  @Get('metrics')
  @Roles(...METRICS_ROLES)
  metrics() {
    return this.stuck.metrics();
  }

  @Post('cards/:id/remind')
  @HttpCode(202)
  async remind(@Param('id', UuidPipe) id: string, @Body() dto: RemindDto, @CurrentUser() user: User, @RequestId() rid: string | null) {
    await this.stuck.remind(id, dto.itemId ?? null, user, rid);
    return { reminded: true };
  }

  @Post('admin/stuck-scan')
  @HttpCode(200)
  @Roles('admin')
  async scan() {
    const { nudged, escalated } = await this.stuck.scan();
    return { nudged, escalated };
  }
}
