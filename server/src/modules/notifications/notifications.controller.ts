import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { User } from '@relay/shared';
import { CurrentUser } from '../../common/current-user.js';
import { UuidPipe } from '../../common/validation.js';
import { PreferencesDto } from './dto/preferences.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  list(@CurrentUser() user: User) {
    return this.notifications.list(user.id);
  }

  @Post('notifications/read-all')
  @HttpCode(204)
  readAll(@CurrentUser() user: User) {
    return this.notifications.readAll(user.id);
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  read(@Param('id', UuidPipe) id: string, @CurrentUser() user: User) {
    return this.notifications.read(user.id, id);
  }

  @Get('me/preferences')
  preferences(@CurrentUser() user: User) {
    return this.notifications.preferences(user);
  }

  @Put('me/preferences')
  setPreferences(@Body() dto: PreferencesDto, @CurrentUser() user: User) {
    return this.notifications.setPreferences(user, dto);
  }
}
