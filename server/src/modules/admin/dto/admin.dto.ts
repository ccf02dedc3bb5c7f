import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEPARTMENT_KEY_PATTERN,
  ITEM_AUDIENCES,
  ITEM_KINDS,
  ROLES,
  TIME_LIMIT_MAX_HOURS,
  type ItemAudience,
  type ItemKind,
  type Role,
} from '@relay/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const KEY_RE = DEPARTMENT_KEY_PATTERN;

export class PatchLaneDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 80, { message: 'name must be 1 to 80 characters' }) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(KEY_RE, { message: 'department must be a department key' }) department?: string;
  @ApiPropertyOptional({ description: 'Hours a card may stay before it is stuck' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'timeLimitHours must be a number' })
  @IsPositive({ message: 'timeLimitHours must be greater than 0' })
  @Max(TIME_LIMIT_MAX_HOURS, { message: `timeLimitHours must be at most a year (${TIME_LIMIT_MAX_HOURS})` })
  timeLimitHours?: number;
  @ApiPropertyOptional({ nullable: true, description: "The lane's name on the customer's tracker page" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 80, { message: 'customerName must be 1 to 80 characters' })
  customerName?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'One line for the customer about the lane' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200, { message: 'customerDescription must be at most 200 characters' })
  customerDescription?: string | null;
}

export class ItemRulesDto {
  @IsOptional() @IsNumber() greaterThan?: number;
  @IsOptional() @IsNumber() min?: number;
  @IsOptional() @IsString() @MaxLength(100) mustBe?: string;
  @IsOptional() @IsIn(ROLES) pickRole?: Role;
}

class ItemFieldsDto {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(500) help?: string | null;
  @ApiPropertyOptional({ enum: ROLES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role | null;
  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray({ message: 'options must be a list of strings' })
  @ArrayMinSize(2, { message: 'options must list at least 2 choices' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 100, { each: true, message: 'each option must be 1 to 100 characters' })
  options?: string[] | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => ItemRulesDto)
  rules?: ItemRulesDto | null;
  @ApiPropertyOptional({ enum: ITEM_AUDIENCES, description: '`customer`: a request the customer answers through the tracker link' })
  @IsOptional()
  @IsIn(ITEM_AUDIENCES, { message: `audience must be one of ${ITEM_AUDIENCES.join(', ')}` })
  audience?: ItemAudience;
}

export class CreateItemDto extends ItemFieldsDto {
  @ApiProperty() @IsString() @Length(1, 200, { message: 'label must be 1 to 200 characters' }) label: string;
  @ApiProperty({ enum: ITEM_KINDS }) @IsIn(ITEM_KINDS, { message: `kind must be one of ${ITEM_KINDS.join(', ')}` }) kind: ItemKind;
  @ApiProperty() @IsBoolean({ message: 'required must be true or false' }) required: boolean;
}

export class PatchItemDto extends ItemFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200, { message: 'label must be 1 to 200 characters' }) label?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'required must be true or false' }) required?: boolean;
}

export class ReorderDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'ids must be checklist item ids' })
  ids: string[];
}

export class CreateDepartmentDto {
  @ApiProperty({ example: 'facilities' })
  @IsString()
  @Matches(KEY_RE, { message: 'key must be 2-40 lowercase letters, digits or _' })
  key: string;
  @ApiProperty() @IsString() @Length(1, 80, { message: 'name must be 1 to 80 characters' }) name: string;
}

export class PatchDepartmentDto {
  @ApiProperty() @IsString() @Length(1, 80, { message: 'name must be 1 to 80 characters' }) name: string;
}

export class AuditQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @IsPositive() @Max(500) limit?: number;
}
