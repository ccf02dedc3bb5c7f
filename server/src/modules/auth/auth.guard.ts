import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@relay/shared';
import { type AuthedRequest, PUBLIC_KEY, ROLES_KEY } from '../../common/current-user.js';
import { DomainError } from '../../common/domain-error.js';
import { SessionsRepository } from './sessions.repository.js';

export const SESSION_COOKIE = 'relay_session';

/**
 * Reads the session from the cookie or `Authorization: Bearer`, from a raw Cookie header too (sockets).
 * Only a string is a token: cookie-parser turns a `j:`-prefixed value into JSON (a number, an object…),
 * which falls back to the raw header, and a badly percent-encoded one is taken as it is.
 */
export function tokenFrom(headers: { cookie?: string; authorization?: string }, cookies?: Record<string, unknown>): string | null {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearer;
  const parsed = cookies?.[SESSION_COOKIE];
  if (typeof parsed === 'string' && parsed) return parsed;
  const raw = headers.cookie?.split(';').map((c) => c.trim().split('='));
  const found = raw?.find(([k]) => k === SESSION_COOKIE)?.[1];
  if (!found) return null;
  try {
    return decodeURIComponent(found);
  } catch {
    return found;
  }
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
    const token = tokenFrom(req.headers, req.cookies as Record<string, unknown> | undefined);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
    req.user = session.user;
    req.sessionId = session.sessionId;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(session.user.role)) throw new DomainError('FORBIDDEN', `Only ${roles.join(' or ')} may do this`);
    return true;
  }
}
