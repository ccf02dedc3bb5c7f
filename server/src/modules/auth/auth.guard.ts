import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@relay/shared';
import { type AuthedRequest, PUBLIC_KEY, ROLES_KEY } from '../../common/current-user.js';
import { DomainError } from '../../common/domain-error.js';
import { SessionsRepository } from './sessions.repository.js';

export const SESSION_COOKIE = 'relay_session';

/** Reads the session from the cookie or `Authorization: Bearer`, from a raw Cookie header too (sockets). */
export function tokenFrom(headers: { cookie?: string; authorization?: string }, cookies?: Record<string, string>): string | null {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearer;
  if (cookies?.[SESSION_COOKIE]) return cookies[SESSION_COOKIE];
  const raw = headers.cookie?.split(';').map((c) => c.trim().split('='));
  const found = raw?.find(([k]) => k === SESSION_COOKIE)?.[1];
  return found ? decodeURIComponent(found) : null;
}

/** Every route needs a live session unless marked @Public(); @Roles() narrows it further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const token = tokenFrom(req.headers, req.cookies as Record<string, string> | undefined);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
    req.user = session.user;
    req.sessionId = session.sessionId;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(session.user.role)) throw new DomainError('FORBIDDEN', `Only ${roles.join(' or ')} may do this`);
    return true;
  }
}
