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

  @ApiProperty()
  @IsString({ message: 'password must be a string' })
  @Length(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max, {
    message: `password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`,
  })
  password: string;
}
