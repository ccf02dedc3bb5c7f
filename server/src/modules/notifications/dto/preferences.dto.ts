import { ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from '@relay/shared';
import { IsIn, IsOptional } from 'class-validator';

const channel = () => IsIn(NOTIFICATION_CHANNELS, { message: `$property must be one of ${NOTIFICATION_CHANNELS.join(', ')}` });

export class PreferencesDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS }) @IsOptional() @channel() card_arrived?: NotificationChannel;
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS }) @IsOptional() @channel() assigned?: NotificationChannel;
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS }) @IsOptional() @channel() mentioned?: NotificationChannel;
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS }) @IsOptional() @channel() reminder?: NotificationChannel;
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS }) @IsOptional() @channel() stuck?: NotificationChannel;
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS }) @IsOptional() @channel() escalated?: NotificationChannel;
  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS }) @IsOptional() @channel() customer_replied?: NotificationChannel;
}
