import { Injectable } from '@nestjs/common';
import type { User } from '@relay/shared';
import { DomainError } from '../../common/domain-error.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { UsersRepository } from '../users/users.repository.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { SessionsRepository } from './sessions.repository.js';

/** Failed attempts allowed in the window before sign-in answers 429. */
export const LOGIN_LIMITS = { windowMinutes: 15, perAccount: 10, perAddress: 50 };

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly hub: RealtimeHub,
  ) {}

  async login(email: string, password: string, address: string): Promise<{ user: User; token: string }> {
    const key = email.trim().toLowerCase();
    const failures = await this.sessions.recentFailures(key, address, LOGIN_LIMITS.windowMinutes);
    if (failures.account >= LOGIN_LIMITS.perAccount || failures.address >= LOGIN_LIMITS.perAddress) {
      throw new DomainError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins; try again in ${LOGIN_LIMITS.windowMinutes} minutes`);
    }
    const found = await this.users.findByEmailWithHash(key);
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), password);
    if (!found || !ok || !found.active) {
      await this.sessions.recordFailure(key, address);
      throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    await this.sessions.clearFailures(key);
    if (needsRehash(found.passwordHash!)) await this.users.setPasswordHash(found.id, await hashPassword(password));
    const token = await this.sessions.create(found.id);
    const { passwordHash: _hash, ...user } = found;
    return { user, token };
  }

  /** Sets a first password through a one-time invitation link, and signs the person in. */
  async acceptInvite(token: string, password: string): Promise<{ user: User; token: string }> {
    const hash = await hashPassword(password);
    const userId = await this.users.transaction(async (m) => {
      const id = await this.sessions.useInvite(m, token);
      if (!id) throw new DomainError('INVALID_CREDENTIALS', 'This invitation link is unknown, used or expired: ask an admin for a new one');
      await this.users.update(m, id, { passwordHash: hash });
      return id;
    });
    const user = (await this.users.findById(userId))!;
    if (!user.active) throw new DomainError('INVALID_CREDENTIALS', 'This account is deactivated');
    const { active: _active, ...profile } = user;
    return { user: profile, token: await this.sessions.create(userId) };
  }

  /** Ends the session server-side and closes the sockets it opened. */
  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    await this.hub.endSession(sessionId);
  }
}
