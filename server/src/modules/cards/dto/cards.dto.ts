import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RISK_FLAGS, type RiskFlag } from '@relay/shared';
import { Type } from 'class-transformer';
import { Allow, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** A card version: a positive integer that fits the `version int` column (a larger one would reach PostgreSQL and fail there). */
export const CARD_VERSION_MAX = 2_147_483_647;
const IsVersion = () =>
  applyDecorators(
    IsInt({ message: 'version must be an integer' }),
    Min(1, { message: 'version must be at least 1' }),
    Max(CARD_VERSION_MAX, { message: `version must be at most ${CARD_VERSION_MAX}` }),
  );

/**
 * The sales form. Fields are only whitelisted here: their rules live once, in shared's
 * `validateSalesForm`, which the service applies (and the new-onboarding form too).
 */
export class CreateCardDto {
  @ApiProperty({ example: 'Gatekeeper Foods' }) @Allow() customerName: unknown;
  @ApiProperty() @Allow() contactName: unknown;
  @ApiProperty({ example: 'buyer@gatekeeper.example' }) @Allow() contactEmail: unknown;
  @ApiPropertyOptional() @Allow() contactPhone?: unknown;
  @ApiProperty() @Allow() serviceAddress: unknown;
  @ApiProperty({ example: '2026-12-01' }) @Allow() contractStartDate: unknown;
  @ApiPropertyOptional() @Allow() contractValue?: unknown;
  @ApiProperty({ type: [String] }) @Allow() services: unknown;
  @ApiPropertyOptional() @Allow() specialConditions?: unknown;
  @ApiPropertyOptional() @Allow() notes?: unknown;
}

/** The sales form as posted: `allowDuplicate: true` creates the card even when an open one has the same customer. */
export class NewCardDto extends CreateCardDto {
  @ApiPropertyOptional({ description: 'Create even when an open card has the same customer name' })
  @IsOptional()
  @IsBoolean()
  allowDuplicate?: boolean;
}

export class UpdateCardDto extends CreateCardDto {
  @ApiProperty({ description: 'The version the change was based on' })
  @IsVersion()
  version: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'assigneeId must be a user id' })
  assigneeId?: string | null;

  @ApiPropertyOptional({ enum: RISK_FLAGS })
  @IsOptional()
  @IsIn(RISK_FLAGS, { message: `riskFlag must be one of ${RISK_FLAGS.join(', ')}` })
  riskFlag?: RiskFlag;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) riskReason?:
    string | null;
  @ApiPropertyOptional({ description: '{text, ownerId, due} or null' }) @Allow() nextAction?: unknown;
  @ApiPropertyOptional({
    description: '{at, channel} or null; `at` a date YYYY-MM-DD or a full ISO-8601 time (2026-11-20T14:30:00Z), 1900–2199',
  })
  @Allow()
  lastTouch?: unknown;
}

export class SetValueDto {
  @ApiProperty({ description: 'check: true · text · number · date YYYY-MM-DD · choice option · user id · attachment id' })
  @Allow()
  value: unknown;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) note?:
    string | null;
  @ApiPropertyOptional() @IsOptional() @IsVersion() version?: number;
}

export class ClearValueQuery {
  @ApiPropertyOptional({ description: 'The version the clear is based on; without it the clear is not guarded' })
  @IsOptional()
  @Type(() => Number)
  @IsVersion()
  version?: number;
}

export class MoveCardDto {
  @ApiProperty({ example: 'customer_experience' }) @IsString({ message: 'toLane must be a lane key' }) @Length(1, 60) toLane: string;
  @ApiProperty() @IsVersion() version: number;
  @ApiPropertyOptional({ description: 'Required when sending a card back' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class CommentDto {
  @ApiProperty()
  @IsString({ message: 'body must be a string' })
  @Length(1, 5000, { message: 'body must be 1 to 5000 characters' })
  body: string;
}

export class RemindDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'itemId must be a checklist item id' }) itemId?: string;
}

export class AttachmentBodyDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'itemId must be a checklist item id' }) itemId?: string;
}
