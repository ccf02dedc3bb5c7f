import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { User } from '@relay/shared';
import type { Response } from 'express';
import { type AuthedRequest, CurrentUser, Public } from '../../common/current-user.js';
import { SESSION_COOKIE } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AcceptInviteDto, ChangePasswordDto, LoginDto } from './dto/login.dto.js';
import { SESSION_MAX_HOURS } from './sessions.repository.js';

function withCookie<T extends { token: string }>(req: AuthedRequest, res: Response, result: T): T {
  res.cookie(SESSION_COOKIE, result.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: SESSION_MAX_HOURS * 3_600_000,
  });
  return result;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    return withCookie(req, res, await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown'));
  }

  /** Sets a first password from an invitation link and signs in. */
  @Public()
  @Post('accept-invite')
  @HttpCode(200)
  async acceptInvite(@Body() dto: AcceptInviteDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    return withCookie(req, res, await this.auth.acceptInvite(dto.token, dto.password, req.ip ?? 'unknown'));
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.sessionId!);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** Changes the signed-in person's own password; their other sessions end. */
  @Post('password')
  @HttpCode(204)
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() user: User, @Req() req: AuthedRequest): Promise<void> {
    await this.auth.changePassword(user, req.sessionId!, dto.current, dto.password, req.ip ?? 'unknown');
  }

  @Get('me')
  me(@CurrentUser() user: User) {
    return { user };
  }
}
