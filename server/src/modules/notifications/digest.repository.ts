import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { laneLimitStart } from '../../common/sql.js';

/** The scheduler lock of the digest, distinct from the stuck scan's. */
const DIGEST_LOCK = 727011;

export interface DigestPerson {
  id: string;
  name: string;
  email: string;
  departments: string[];
}

/** The lanes of a person's departments, but Done: `$1` is their department keys. */
const PERSON_LANES = `SELECT l.id FROM lanes l WHERE l.department_key = ANY($1::text[]) AND NOT l.terminal`;

/** What the daily digest reads and records: who is due one today, their day's news, stuck and waiting cards. */
@Injectable()
export class DigestRepository {
  /** Whether this instance holds the digest's lock for the transaction (one instance sends, the others skip). */
  async lock(m: EntityManager): Promise<boolean> {
    const [{ ok }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [DIGEST_LOCK]);
    return ok;
  }

  /** Active people who chose `digest` for any kind and have had no digest on `day`. */
  duePeople(m: EntityManager, day: string): Promise<DigestPerson[]> {
    return m.query(
      `SELECT u.id, u.name, u.email, COALESCE(array_agg(d.department_key) FILTER (WHERE d.department_key IS NOT NULL), '{}') AS departments
         FROM users u LEFT JOIN user_departments d ON d.user_id = u.id
        WHERE u.active AND EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = u.id AND p.channel = 'digest')
          AND NOT EXISTS (SELECT 1 FROM digests g WHERE g.user_id = u.id AND g.day = $1)
        GROUP BY u.id`,
      [day],
    );
  }

  /** Records the person's digest of `day`; false when one was already recorded (never twice). */
  async claim(m: EntityManager, personId: string, day: string, now: Date): Promise<boolean> {
    const claimed = await m.query('INSERT INTO digests (user_id, day, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING day', [
      personId,
      day,
      now,
    ]);
    return claimed.length > 0;
  }

  /** The person's digest notifications since `since`, oldest first. */
  async arrived(m: EntityManager, personId: string, since: Date): Promise<string[]> {
    const rows: { text: string }[] = await m.query('SELECT text FROM notifications WHERE user_id = $1 AND digest AND at > $2 ORDER BY at', [
      personId,
      since,
    ]);
    return rows.map((r) => r.text);
  }

  /** Stuck cards in the person's lanes or assigned to them, most overdue first (minutes over the limit). */
  stuck(m: EntityManager, person: DigestPerson, now: Date): Promise<{ title: string; lane: string; overdue: number }[]> {
    return m.query(
      `SELECT c.customer_name AS title, l.name AS lane,
              (extract(epoch FROM $2::timestamptz - c.entered_lane_at) / 60 - l.time_limit_hours * 60)::int AS overdue
         FROM cards c JOIN lanes l ON l.id = c.lane_id
        WHERE (c.lane_id IN (${PERSON_LANES}) OR c.assignee_id = $3) AND l.time_limit_hours IS NOT NULL
          AND c.entered_lane_at < ${laneLimitStart('$2')}
        ORDER BY overdue DESC LIMIT 50`,
      [person.departments, now, person.id],
    );
  }

  /** Open cards in the person's lanes or assigned to them, longest waiting first. */
  waiting(m: EntityManager, person: DigestPerson): Promise<{ title: string; lane: string }[]> {
    return m.query(
      `SELECT c.customer_name AS title, l.name AS lane FROM cards c JOIN lanes l ON l.id = c.lane_id
        WHERE c.lane_id IN (${PERSON_LANES}) OR (c.assignee_id = $2 AND NOT l.terminal) ORDER BY c.entered_lane_at LIMIT 50`,
      [person.departments, person.id],
    );
  }
}
