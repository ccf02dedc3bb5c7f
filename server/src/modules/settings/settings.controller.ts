import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { User } from '@relay/shared';
import { Equals, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { CurrentUser, Roles } from '../../common/current-user.js';
import { SettingsService } from './settings.service.js';

export const DAYS_MAX = 365;

export class PatchSettingsDto {
  @ApiPropertyOptional({ description: 'Days a closed card stays in the terminal lane of the board (1..365)' })
  @ValidateIf((_, v) => v !== undefined)
  @IsInt({ message: 'doneVisibleDays must be a whole number of days' })
  @Min(1, { message: 'doneVisibleDays must be at least 1' })
  @Max(DAYS_MAX, { message: `doneVisibleDays must be at most ${DAYS_MAX}` })
  doneVisibleDays?: number;

  @ApiPropertyOptional({ nullable: true, description: 'Days without a customer touch before a card is overdue (1..365), null = off' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInt({ message: 'touchCadenceDays must be a whole number of days or null' })
  @Min(1, { message: 'touchCadenceDays must be at least 1' })
  @Max(DAYS_MAX, { message: `touchCadenceDays must be at most ${DAYS_MAX}` })
  touchCadenceDays?: number | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Working calendar: only null for now (issue 22 adds calendars)',
  })
  @IsOptional()
  @Equals(null, { message: 'calendar must be null (working calendars are not supported yet)' })
  calendar?: Record<string, unknown> | null;
}

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** Every signed-in person reads the settings (the board's window and the touch cadence concern everyone). */
  @Get()
  get() {
    return this.settings.get();
  }

  @Patch()
  @Roles('admin')
  patch(@Body() dto: PatchSettingsDto, @CurrentUser() user: User) {
    const { doneVisibleDays, touchCadenceDays } = dto; // calendar: null only, validated above
    return this.settings.update({ doneVisibleDays, touchCadenceDays }, user);
  }
}
