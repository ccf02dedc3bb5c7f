import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { DEPARTMENT_KEY_PATTERN, PASSWORD_LENGTH, ROLES, type Role, emailIdentityProblem } from '@relay/shared';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';

/** Refuses an email that could pass for another person's (look-alike scripts, invisible characters): shared's rule. */
const IsDistinctEmail = () =>
  ValidateBy({
    name: 'distinctEmail',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || emailIdentityProblem(value) === null,
      defaultMessage: (args) => emailIdentityProblem(String(args?.value)) ?? 'email is not accepted',
    },
  });

export class CreateUserDto {
  @ApiProperty() @IsString() @Length(1, 120) name: string;
  @ApiProperty() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) @IsDistinctEmail() email: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }) role: Role;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'departments must not list a department twice' })
  @IsString({ each: true })
  departments: string[];
  @ApiPropertyOptional({
    description: 'Initial password (the password rules apply: 400 WEAK_PASSWORD); without it an invite link is returned',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_LENGTH.max, { message: `password must be at most ${PASSWORD_LENGTH.max} characters` })
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }) role?: Role;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'departments must not list a department twice' })
  @IsString({ each: true })
  departments?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: "A new password (the password rules apply); ends all of the person's sessions" })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_LENGTH.max, { message: `password must be at most ${PASSWORD_LENGTH.max} characters` })
  password?: string;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }) role?: Role;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(DEPARTMENT_KEY_PATTERN, { message: 'department must be a department key' })
  department?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}
