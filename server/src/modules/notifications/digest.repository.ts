import { Injectable } from '@nestjs/common';
import { type EntityManager, MoreThan } from 'typeorm';
import { laneLimitStart } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const { users: U, userDepartments: UD, notificationPreferences: P, digests: G, notifications: N, cards: C, lanes: L } = T;

/** The scheduler lock of the digest, distinct from the stuck scan's. */
const DIGEST_LOCK = 727011;

export interface DigestPerson {
  id: string;
  name: string;
  email: string;
  departments: string[];
}

/** The lanes of a person's departments, but Done: `$1` is their department keys. */
const PERSON_LANES = `SELECT l.${L.c.id} FROM ${L.table} l WHERE l.${L.c.departmentKey} = ANY($1::text[]) AND NOT l.${L.c.terminal}`;

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
      `SELECT u.${U.c.id}, u.${U.c.name}, u.${U.c.email},
              COALESCE(array_agg(d.${UD.c.departmentKey}) FILTER (WHERE d.${UD.c.departmentKey} IS NOT NULL), '{}') AS departments
         FROM ${U.table} u LEFT JOIN ${UD.table} d ON d.${UD.c.userId} = u.${U.c.id}
        WHERE u.${U.c.active} AND EXISTS (SELECT 1 FROM ${P.table} p WHERE p.${P.c.userId} = u.${U.c.id} AND p.${P.c.channel} = 'digest')
          AND NOT EXISTS (SELECT 1 FROM ${G.table} g WHERE g.${G.c.userId} = u.${U.c.id} AND g.${G.c.day} = $1)
        GROUP BY u.${U.c.id}`,
      [day],
    );
  }

  /** Records the person's digest of `day`; false when one was already recorded (never twice). */
  async claim(m: EntityManager, personId: string, day: string, now: Date): Promise<boolean> {
    const claimed = await m
      .createQueryBuilder()
      .insert()
      .into(G.entity)
      .values({ userId: personId, day, sentAt: now })
      .orIgnore()
      .returning([G.c.day])
      .execute();
    return claimed.raw.length > 0;
  }

  /** The person's digest notifications since `since`, oldest first. */
  async arrived(m: EntityManager, personId: string, since: Date): Promise<string[]> {
    const rows = await m.find(N.entity, {
      select: { text: true },
      where: { userId: personId, digest: true, at: MoreThan(since) },
      order: { at: 'ASC' },
    });
    return rows.map((r) => r.text);
  }

  /** Stuck cards in the person's lanes or assigned to them, most overdue first (minutes over the limit). */
  stuck(m: EntityManager, person: DigestPerson, now: Date): Promise<{ title: string; lane: string; overdue: number }[]> {
    return m.query(
      `SELECT c.${C.c.customerName} AS title, l.${L.c.name} AS lane,
              (extract(epoch FROM $2::timestamptz - c.${C.c.enteredLaneAt}) / 60 - l.${L.c.timeLimitHours} * 60)::int AS overdue
         FROM ${C.table} c JOIN ${L.table} l ON l.${L.c.id} = c.${C.c.laneId}
        WHERE (c.${C.c.laneId} IN (${PERSON_LANES}) OR c.${C.c.assigneeId} = $3) AND l.${L.c.timeLimitHours} IS NOT NULL
          AND c.${C.c.enteredLaneAt} < ${laneLimitStart('$2')}
        ORDER BY overdue DESC LIMIT 50`,
      [person.departments, now, person.id],
    );
  }

  /** Open cards in the person's lanes or assigned to them, longest waiting first. */
  waiting(m: EntityManager, person: DigestPerson): Promise<{ title: string; lane: string }[]> {
    return m.query(
      `SELECT c.${C.c.customerName} AS title, l.${L.c.name} AS lane FROM ${C.table} c JOIN ${L.table} l ON l.${L.c.id} = c.${C.c.laneId}
        WHERE c.${C.c.laneId} IN (${PERSON_LANES}) OR (c.${C.c.assigneeId} = $2 AND NOT l.${L.c.terminal})
        ORDER BY c.${C.c.enteredLaneAt} LIMIT 50`,
      [person.departments, person.id],
    );
  }
}
