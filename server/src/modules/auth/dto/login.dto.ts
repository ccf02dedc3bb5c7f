import { PASSWORD_LENGTH } from '@relay/shared';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'ops@relay.test' })
  @IsString({ message: 'email must be a string' })
  @Length(3, 254, { message: 'email must be 3 to 254 characters' })
  email: string;

  @ApiProperty({ example: 'relay-demo-pass' })
  @IsString({ message: 'password must be a string' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password: string;
}

export class AcceptInviteDto {
  @ApiProperty()
  @IsString({ message: 'token must be a string' })
  @Length(10, 200, { message: 'token is not a valid invitation token' })
  token: string;

  /** The new password: the password rules (400 WEAK_PASSWORD) are checked once the invitation is known. */
  @ApiProperty({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max })
  @IsString({ message: 'password must be a string' })
  @MaxLength(PASSWORD_LENGTH.max, { message: `password must be at most ${PASSWORD_LENGTH.max} characters` })
  password: string;
}

/** `POST /api/auth/password`: the signed-in person's current password and the new one. */
export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'current must be a string' })
  @MaxLength(PASSWORD_LENGTH.max, { message: `current must be at most ${PASSWORD_LENGTH.max} characters` })
  current: string;

  @ApiProperty({
    minLength: PASSWORD_LENGTH.min,
    maxLength: PASSWORD_LENGTH.max,
    description: 'At least 12 characters, not common, not containing your email or name',
  })
  @IsString({ message: 'password must be a string' })
  @MaxLength(PASSWORD_LENGTH.max, { message: `password must be at most ${PASSWORD_LENGTH.max} characters` })
  password: string;
}
