import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { User } from '@relay/shared';
import type { Request } from 'express';

export interface AuthedRequest extends Request {
  user?: User;
  sessionId?: string;
}

/** The signed-in person making the request (set by the auth guard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return req.user!;
});

/** The client's request id, echoed on the board events the request causes. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => {
  const raw = ctx.switchToHttp().getRequest<Request>().headers['x-relay-request-id'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && value.length <= 100 ? value : null;
});

export const PUBLIC_KEY = 'relay:public';
/** Routes reachable without signing in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const ROLES_KEY = 'relay:roles';
/** Routes reachable only by these roles. */
export const Roles = (...roles: User['role'][]) => SetMetadata(ROLES_KEY, roles);
