import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { User } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeSignals, PEOPLE_CHANGED_CHANNEL, SignalledCache } from '../../common/change-signals.js';
import { updatedRows } from '../../common/sql.js';

export const SESSION_MAX_HOURS = 12;
export const SESSION_IDLE_MINUTES = 30;

export interface SessionUser {
  sessionId: string;
  user: User;
  /** Date.now() of the session's absolute expiry (sockets are closed then). */
  expiresAt: number;
}

/** How long this instance trusts a session it checked, without asking the database again. */
export const SESSION_RECHECK_MS = 60_000;
const SESSION_CACHE_MAX = 10_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

interface Checked extends SessionUser {
  /** Date.now() of the database check. */
  checkedAt: number;
}

/**
 * Server-side sessions: only a hash of the token is stored, so a database leak signs nobody in. Real time,
 * never the test clock. A session checked in the database is trusted from memory for SESSION_RECHECK_MS,
 * and only while this instance listens for change signals: a committed change to people, their departments
 * or sessions, made anywhere, drops every trusted session (migration PeopleChangeNotify); this instance's own
 * sign-outs and people changes drop them at once.
 */
@Injectable()
export class SessionsRepository {
  private readonly checked: SignalledCache<string, Checked>;

  constructor(
    private readonly db: DataSource,
    signals: ChangeSignals,
  ) {
    this.checked = new SignalledCache(signals, PEOPLE_CHANGED_CHANNEL, SESSION_CACHE_MAX);
  }

  /** Forgets every trusted session: the next request of each is checked in the database. */
  invalidate(): void {
    this.checked.invalidate();
  }

  async create(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [
      hashToken(token),
      userId,
      SESSION_MAX_HOURS,
    ]);
    return token;
  }

  /**
   * Resolves a token to its active user. A database check slides the idle window, at most once a minute
   * (so most checks only read); within SESSION_RECHECK_MS of one the answer comes from memory — the idle
   * window (SESSION_IDLE_MINUTES) cannot run out in between.
   */
  async resolve(token: string): Promise<SessionUser | null> {
    const hash = hashToken(token);
    const now = Date.now();
    const known = this.checked.get(hash);
    if (known && now - known.checkedAt < SESSION_RECHECK_MS && now < known.expiresAt) {
      return { sessionId: known.sessionId, user: known.user, expiresAt: known.expiresAt };
    }
    const found = await this.checked.fill(hash, () => this.check(hash, now));
    if (!found) this.checked.delete(hash);
    return found && { sessionId: found.sessionId, user: found.user, expiresAt: found.expiresAt };
  }

  /** The database check of a token: one statement, which also slides the idle window when it is a minute old. */
  private async check(hash: string, checkedAt: number): Promise<Checked | null> {
    const rows = await this.db.query(
      `WITH s AS (
         SELECT id, user_id, last_seen_at, expires_at FROM sessions
          WHERE token_hash = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)),
       touched AS (
         UPDATE sessions SET last_seen_at = now() WHERE id IN (SELECT id FROM s WHERE last_seen_at < now() - interval '1 minute'))
       SELECT s.id AS session_id, (extract(epoch FROM s.expires_at) * 1000)::float8 AS expires_ms, u.id, u.name, u.email, u.role,
              COALESCE(array_agg(d.department_key ORDER BY d.department_key) FILTER (WHERE d.department_key IS NOT NULL), '{}') AS departments
         FROM s JOIN users u ON u.id = s.user_id AND u.active
         LEFT JOIN user_departments d ON d.user_id = u.id
        GROUP BY s.id, s.expires_at, u.id`,
      [hash, SESSION_IDLE_MINUTES],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      sessionId: r.session_id,
      checkedAt,
      expiresAt: r.expires_ms,
      user: { id: r.id, name: r.name, email: r.email, role: r.role, departments: r.departments },
    };
  }

  /** A one-time invitation token for a person without a password yet. */
  async createInvite(m: EntityManager, userId: string, hours: number): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await m.query('INSERT INTO invites (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))', [
      hashToken(token),
      userId,
      hours,
    ]);
    return token;
  }

  /** An invitation's person, without using it: null when unknown, used or expired. */
  async findInvite(token: string): Promise<string | null> {
    const rows: { user_id: string }[] = await this.db.query(
      'SELECT user_id FROM invites WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()',
      [hashToken(token)],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Uses an invitation once: returns its person, or null when unknown, used or expired. */
  async useInvite(m: EntityManager, token: string): Promise<string | null> {
    const result = await m.query(
      `UPDATE invites SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
      [hashToken(token)],
    );
    return updatedRows<{ user_id: string }>(result)[0]?.user_id ?? null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
    this.invalidate();
  }

  /** Ends every session of the person but `keep` (the one changing its password). */
  async revokeOthers(userId: string, keep: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keep]);
    this.invalidate();
  }

  /**
   * Which of these sessions are still live: neither past their absolute expiry nor idle, and their person
   * still active (the periodic sweep that closes the sockets of the others).
   */
  async liveAmong(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows: { id: string }[] = await this.db.query(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id AND u.active
        WHERE s.id = ANY($1::uuid[]) AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)`,
      [sessionIds, SESSION_IDLE_MINUTES],
    );
    return new Set(rows.map((r) => r.id));
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    this.invalidate();
  }

  /**
   * Reserves one attempt against the limits, before any password is checked: counts the window's attempts and
   * records this one only while both counts are under their limits, as one atomic step in PostgreSQL
   * (`login_attempt_reserve`, migration LoginAttemptReserve), so concurrent attempts on any instance are counted
   * one after another. The row stands for a failure until the attempt succeeds and `releaseAttempt` deletes it.
   * `email` null: an attempt counted only by address (invitations). Answers the row's id, or null when a limit
   * is reached.
   */
  async reserveAttempt(
    email: string | null,
    address: string,
    limits: { windowMinutes: number; perAccount: number; perAddress: number },
  ): Promise<string | null> {
    const [{ id }] = await this.db.query('SELECT login_attempt_reserve($1, $2, $3, $4, $5) AS id', [
      email,
      address,
      limits.windowMinutes,
      limits.perAccount,
      limits.perAddress,
    ]);
    return id;
  }

  /** The attempt succeeded (or was never checked): it no longer counts. */
  async releaseAttempt(id: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE id = $1', [id]);
  }

  async purgeExpired(): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => $1)`, [
      SESSION_IDLE_MINUTES,
    ]);
    await this.db.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
  }
}
