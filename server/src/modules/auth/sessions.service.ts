import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SessionsRepository, type SessionUser } from './sessions.repository.js';

/** Sessions, invitations and sign-in attempts as the rest of Relay uses them (SessionsRepository keeps and caches them). */
@Injectable()
export class SessionsService {
  constructor(private readonly repo: SessionsRepository) {}

  /** The active person a token belongs to, or null. */
  resolve(token: string): Promise<SessionUser | null> {
    return this.repo.resolve(token);
  }

  /** Which of these sessions are still live (the socket sweep). */
  liveAmong(sessionIds: string[]): Promise<Set<string>> {
    return this.repo.liveAmong(sessionIds);
  }

  /** Forgets every trusted session on this instance (who someone is changed). */
  invalidate(): void {
    this.repo.invalidate();
  }

  create(userId: string): Promise<string> {
    return this.repo.create(userId);
  }

  revoke(sessionId: string): Promise<void> {
    return this.repo.revoke(sessionId);
  }

  revokeOthers(userId: string, keep: string): Promise<void> {
    return this.repo.revokeOthers(userId, keep);
  }

  revokeAllFor(userId: string): Promise<void> {
    return this.repo.revokeAllFor(userId);
  }

  createInvite(m: EntityManager, userId: string, hours: number): Promise<string> {
    return this.repo.createInvite(m, userId, hours);
  }

  findInvite(token: string): Promise<string | null> {
    return this.repo.findInvite(token);
  }

  useInvite(m: EntityManager, token: string): Promise<string | null> {
    return this.repo.useInvite(m, token);
  }

  reserveAttempt(...args: Parameters<SessionsRepository['reserveAttempt']>): Promise<string | null> {
    return this.repo.reserveAttempt(...args);
  }

  releaseAttempt(id: string): Promise<void> {
    return this.repo.releaseAttempt(id);
  }
}
