import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { User } from '@relay/shared';
import { DataSource, type EntityManager, Not } from 'typeorm';
import { ChangeSignals, PEOPLE_CHANGED_CHANNEL, SignalledCache } from '../../common/change-signals.js';
import { updatedRows } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const { sessions: S, users: U, userDepartments: UD, invites: INV, loginFailures: LF } = T;

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
 * or sessions, made anywhere, drops every trusted session (database/functions/relay_people_changed.sql); this
 * instance's own sign-outs and people changes drop them at once.
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
    await this.db.query(
      `INSERT INTO ${S.table} (${S.c.tokenHash}, ${S.c.userId}, ${S.c.expiresAt}) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [hashToken(token), userId, SESSION_MAX_HOURS],
    );
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
         SELECT ${S.c.id}, ${S.c.userId}, ${S.c.lastSeenAt}, ${S.c.expiresAt} FROM ${S.table}
          WHERE ${S.c.tokenHash} = $1 AND ${S.c.expiresAt} > now() AND ${S.c.lastSeenAt} > now() - make_interval(mins => $2)),
       touched AS (
         UPDATE ${S.table} SET ${S.c.lastSeenAt} = now()
          WHERE ${S.c.id} IN (SELECT ${S.c.id} FROM s WHERE ${S.c.lastSeenAt} < now() - interval '1 minute'))
       SELECT s.${S.c.id} AS session_id, (extract(epoch FROM s.${S.c.expiresAt}) * 1000)::float8 AS expires_ms,
              u.${U.c.id}, u.${U.c.name}, u.${U.c.email}, u.${U.c.role},
              COALESCE(array_agg(d.${UD.c.departmentKey} ORDER BY d.${UD.c.departmentKey})
                FILTER (WHERE d.${UD.c.departmentKey} IS NOT NULL), '{}') AS departments
         FROM s JOIN ${U.table} u ON u.${U.c.id} = s.${S.c.userId} AND u.${U.c.active}
         LEFT JOIN ${UD.table} d ON d.${UD.c.userId} = u.${U.c.id}
        GROUP BY s.${S.c.id}, s.${S.c.expiresAt}, u.${U.c.id}`,
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
    await m.query(
      `INSERT INTO ${INV.table} (${INV.c.tokenHash}, ${INV.c.userId}, ${INV.c.expiresAt}) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [hashToken(token), userId, hours],
    );
    return token;
  }

  /** An invitation's person, without using it: null when unknown, used or expired. */
  async findInvite(token: string): Promise<string | null> {
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT ${INV.c.userId} AS user_id FROM ${INV.table} WHERE ${INV.c.tokenHash} = $1 AND ${INV.c.usedAt} IS NULL AND ${INV.c.expiresAt} > now()`,
      [hashToken(token)],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Uses an invitation once: returns its person, or null when unknown, used or expired. */
  async useInvite(m: EntityManager, token: string): Promise<string | null> {
    const result = await m.query(
      `UPDATE ${INV.table} SET ${INV.c.usedAt} = now()
        WHERE ${INV.c.tokenHash} = $1 AND ${INV.c.usedAt} IS NULL AND ${INV.c.expiresAt} > now() RETURNING ${INV.c.userId} AS user_id`,
      [hashToken(token)],
    );
    return updatedRows<{ user_id: string }>(result)[0]?.user_id ?? null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.manager.delete(S.entity, { id: sessionId });
    this.invalidate();
  }

  /** Ends every session of the person but `keep` (the one changing its password). */
  async revokeOthers(userId: string, keep: string): Promise<void> {
    await this.db.manager.delete(S.entity, { userId, id: Not(keep) });
    this.invalidate();
  }

  /**
   * Which of these sessions are still live: neither past their absolute expiry nor idle, and their person
   * still active (the periodic sweep that closes the sockets of the others).
   */
  async liveAmong(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows: { id: string }[] = await this.db.query(
      `SELECT s.${S.c.id} AS id FROM ${S.table} s JOIN ${U.table} u ON u.${U.c.id} = s.${S.c.userId} AND u.${U.c.active}
        WHERE s.${S.c.id} = ANY($1::uuid[]) AND s.${S.c.expiresAt} > now() AND s.${S.c.lastSeenAt} > now() - make_interval(mins => $2)`,
      [sessionIds, SESSION_IDLE_MINUTES],
    );
    return new Set(rows.map((r) => r.id));
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.db.manager.delete(S.entity, { userId });
    this.invalidate();
  }

  /**
   * Reserves one attempt against the limits, before any password is checked: counts the window's attempts and
   * records this one only while both counts are under their limits, as one atomic step in PostgreSQL
   * (`login_attempt_reserve`, database/functions/login_attempt_reserve.sql), so concurrent attempts on any instance are counted
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
    await this.db.manager.delete(LF.entity, { id });
  }

  async purgeExpired(): Promise<void> {
    await this.db.query(`DELETE FROM ${S.table} WHERE ${S.c.expiresAt} < now() OR ${S.c.lastSeenAt} < now() - make_interval(mins => $1)`, [
      SESSION_IDLE_MINUTES,
    ]);
    await this.db.query(`DELETE FROM ${LF.table} WHERE ${LF.c.at} < now() - interval '1 day'`);
  }
}
