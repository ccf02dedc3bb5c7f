import { Inject, Injectable } from '@nestjs/common';
import type { User } from '@relay/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { UsersService } from '../users/users.service.js';
import { assertStrongPassword } from './password-policy.js';
import { assertArgon2Capacity, dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { SessionsService } from './sessions.service.js';

/** Failed attempts allowed in the window before sign-in answers 429. */
export const LOGIN_LIMITS = { windowMinutes: 15, perAccount: 10, perAddress: 50 };

const tooMany = () => new DomainError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins; try again in ${LOGIN_LIMITS.windowMinutes} minutes`);

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly hub: RealtimeHub,
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
  ) {}

  /**
   * Checks a password of the account, counted against the limits: the attempt is reserved first (one atomic
   * step in PostgreSQL, so concurrent attempts on any instance cannot all pass the count), then checked; a
   * right password releases it, a wrong one leaves it standing as a failure. An attempt never checked (argon2
   * too busy) is released too.
   */
  private async checkCounted(email: string, password: string, address: string) {
    assertArgon2Capacity();
    const attempt = await this.sessions.reserveAttempt(email, address, LOGIN_LIMITS);
    if (!attempt) throw tooMany();
    try {
      const found = await this.users.findByEmailWithHash(email);
      const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), password);
      if (!found || !ok || !found.active) return null;
      await this.sessions.releaseAttempt(attempt);
      return found;
    } catch (err) {
      await this.sessions.releaseAttempt(attempt);
      throw err;
    }
  }

  async login(email: string, password: string, address: string): Promise<{ user: User; token: string }> {
    const key = email.trim().toLowerCase();
    const found = await this.checkCounted(key, password, address);
    if (!found) throw new DomainError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    // Best effort: with argon2 too busy (503) the old hash stays until a later sign-in; the person is signed in anyway.
    if (needsRehash(found.passwordHash!))
      await hashPassword(password)
        .then((hash) => this.users.setPasswordHash(found.id, hash))
        .catch((err: unknown) => {
          if (!(err instanceof DomainError && err.code === 'UNAVAILABLE')) throw err;
        });
    const token = await this.sessions.create(found.id);
    const { passwordHash: _hash, ...user } = found;
    return { user, token };
  }

  /**
   * Sets a first password through a one-time invitation link, and signs the person in. Rate-limited by address
   * like sign-in (an unknown token counts as a failure), and the token is looked up before any hashing.
   */
  async acceptInvite(token: string, password: string, address: string): Promise<{ user: User; token: string }> {
    // What the rules can tell without the person (length, the demo password, the common list) answers first.
    await assertStrongPassword(password, { demoPassword: this.config.demoPassword });
    const attempt = await this.sessions.reserveAttempt(null, address, LOGIN_LIMITS);
    if (!attempt) throw tooMany();
    const invited = await this.sessions.findInvite(token);
    if (!invited)
      throw new DomainError('INVALID_CREDENTIALS', 'This invitation link is unknown, used or expired: ask an admin for a new one');
    await this.sessions.releaseAttempt(attempt);
    const person = (await this.users.findById(invited))!;
    if (!person.active) throw new DomainError('INVALID_CREDENTIALS', 'This account is deactivated');
    await assertStrongPassword(password, { email: person.email, name: person.name, demoPassword: this.config.demoPassword });
    const hash = await hashPassword(password);
    // Used here, once: of two requests with one token, only one gets past this.
    const userId = await this.users.setFirstPassword(hash, (m) => this.sessions.useInvite(m, token));
    if (!userId)
      throw new DomainError('INVALID_CREDENTIALS', 'This invitation link is unknown, used or expired: ask an admin for a new one');
    const user = (await this.users.findById(userId))!;
    const { active: _active, ...profile } = user;
    return { user: profile, token: await this.sessions.create(userId) };
  }

  /**
   * The signed-in person changes their own password: `current` is checked like a sign-in (and counted against
   * the same limits), the new one against the password rules; every other session of theirs ends and its
   * sockets close, the one making the change stays.
   */
  async changePassword(me: User, sessionId: string, current: string, password: string, address: string): Promise<void> {
    await assertStrongPassword(password, { email: me.email, name: me.name, demoPassword: this.config.demoPassword });
    const found = await this.checkCounted(me.email.trim().toLowerCase(), current, address);
    if (!found)
      throw new DomainError('INVALID_CREDENTIALS', 'The current password is incorrect', {
        fields: [{ field: 'current', message: 'current password is incorrect' }],
      });
    await this.users.setPasswordHash(me.id, await hashPassword(password));
    await this.sessions.revokeOthers(me.id, sessionId);
    await this.hub.endOtherSessions(me.id, sessionId, 'password changed');
  }

  /** Ends the session server-side and closes the sockets it opened. */
  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    await this.hub.endSession(sessionId);
  }
}
