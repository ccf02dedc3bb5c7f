import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PREFERENCES,
  ROLE_DEFAULT_PREFERENCES,
  UNREAD_PUSH_CAP,
  type Notification,
  type NotificationChannel,
  type NotificationKind,
  type Role,
} from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { isoTime, SqlAnswer, updatedRows, type ComposedStatement, type SqlCondition } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const { notifications: N, users: U, userDepartments: D, notificationPreferences: P, emailOutbox: O, reminders: R } = T;

/** A notification to deliver: to whom (resolved by `deliver` in SQL), about which card, saying what. */
export interface NotifyRequest {
  kind: NotificationKind;
  /** People by id, plus every active member of `department` (only those with `departmentRoles` when given), plus everyone with `roles`. */
  userIds?: (string | null)[];
  department?: string | null;
  departmentRoles?: Role[] | null;
  roles?: Role[];
  cardId: string | null;
  text: string;
  /** Whoever caused it is not told about their own action. */
  exceptUserId?: string | null;
}

const MAIL_BODY = 'Hello %s,\n\n%s\n\nOpen it in Relay: %s\n';

/** What `deliver`'s answer holds: how many emails were queued, and each bell row to push. */
export interface NotifiedRows {
  mailed: number;
  pushes: (Notification & { userId: string; unread: number })[];
}

const NOTIFICATION_COLUMNS = `${N.c.id}, ${N.c.kind}, ${N.c.cardId} AS "cardId", ${N.c.text}, ${N.c.at}, ${N.c.readAt} IS NOT NULL AS read`;

/** Notifications, preferences, reminders and the email outbox. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Adds to `s` the delivery of notification `requests`, and answers the select-list expression that tells
   * what it did (see NotifiedRows). Who hears about a request: the active people among its `userIds`, every
   * active member of its `department` (only those with `departmentRoles` when given) and everyone active with
   * one of its `roles`, except `exceptUserId`, each on their chosen channel for its kind (their role's default
   * when none, else the default). Bell and digest rows go to notifications, email ones to the outbox too (with
   * `link` to the card); each bell row comes back with its person's unread count, up to UNREAD_PUSH_CAP.
   * Delivered only if `when` holds.
   */
  deliver(s: ComposedStatement, requests: NotifyRequest[], at: Date, link: string, when: SqlCondition | null): SqlAnswer<NotifiedRows> {
    const p = s.params;
    const rows = requests.map((r) => ({
      kind: r.kind,
      user_ids: (r.userIds ?? []).filter((id): id is string => !!id),
      department: r.department ?? null,
      department_roles: r.departmentRoles ?? null,
      roles: r.roles ?? [],
      except_user: r.exceptUserId ?? null,
      card_id: r.cardId,
      text: r.text,
    }));
    s.with(
      'notify_req',
      `SELECT * FROM ROWS FROM (jsonb_to_recordset(${p.add(JSON.stringify(rows))}::jsonb) AS (kind text, user_ids uuid[],
          department text, department_roles text[], roles text[], except_user uuid, card_id uuid, text text)) WITH ORDINALITY
          AS r(kind, user_ids, department, department_roles, roles, except_user, card_id, text, ord)${when ? ` WHERE ${when.sql}` : ''}`,
    );
    s.with(
      'notify_to',
      `SELECT r.ord, r.kind, r.card_id, r.text, u.${U.c.id} AS user_id, u.${U.c.email}, u.${U.c.name},
               COALESCE(p.${P.c.channel}, ${p.add(JSON.stringify(ROLE_DEFAULT_PREFERENCES))}::jsonb -> u.${U.c.role} ->> r.kind,
                        ${p.add(JSON.stringify(DEFAULT_PREFERENCES))}::jsonb ->> r.kind) AS channel
          FROM notify_req r
          JOIN ${U.table} u ON u.${U.c.active} AND u.${U.c.id} IS DISTINCT FROM r.except_user
           AND (u.${U.c.id} = ANY(r.user_ids) OR u.${U.c.role} = ANY(r.roles)
                OR (EXISTS (SELECT FROM ${D.table} d WHERE d.${D.c.userId} = u.${U.c.id} AND d.${D.c.departmentKey} = r.department)
                    AND (r.department_roles IS NULL OR u.${U.c.role} = ANY(r.department_roles))))
          LEFT JOIN ${P.table} p ON p.${P.c.userId} = u.${U.c.id} AND p.${P.c.kind} = r.kind`,
    );
    s.with(
      'notified',
      `INSERT INTO ${N.table} (${N.c.userId}, ${N.c.kind}, ${N.c.cardId}, ${N.c.text}, ${N.c.at}, ${N.c.digest})
        SELECT user_id, kind, card_id, text, ${p.add(at)}::timestamptz, channel = 'digest' FROM notify_to WHERE channel <> 'off' ORDER BY ord, user_id
        RETURNING ${N.c.id}, ${N.c.userId}, ${N.c.kind}, ${N.c.cardId}, ${N.c.text}, ${N.c.at}`,
    );
    s.with(
      'mailed',
      `INSERT INTO ${O.table} (${O.c.toAddress}, ${O.c.subject}, ${O.c.body})
        SELECT email, 'Relay: ' || text, format(${p.add(MAIL_BODY)}, name, text, ${p.add(link)} || COALESCE('/?card=' || card_id, ''))
          FROM notify_to WHERE channel = 'email' ORDER BY ord, user_id
        RETURNING 1`,
    );
    // Rows inserted by this statement are not in its snapshot: a person's earlier ones in it are counted by `nth`.
    // The cap is written into the SQL: with a LIMIT parameter PostgreSQL would plan the statement on every call.
    return new SqlAnswer(`json_build_object('mailed', (SELECT count(*) FROM mailed), 'pushes', COALESCE((
        SELECT json_agg(json_build_object('id', n.${N.c.id}, 'userId', n.${N.c.userId}, 'kind', n.${N.c.kind}, 'cardId', n.${N.c.cardId}, 'text', n.${N.c.text},
                 'at', ${isoTime(`n.${N.c.at}`)}, 'read', false, 'unread', LEAST(${UNREAD_PUSH_CAP},
                 (SELECT count(*) FROM (SELECT FROM ${N.table} x WHERE x.${N.c.userId} = n.${N.c.userId} AND x.${N.c.readAt} IS NULL LIMIT ${UNREAD_PUSH_CAP - 1}) x) + n.nth)))
          FROM (SELECT *, row_number() OVER (PARTITION BY ${N.c.userId}) AS nth FROM notified) n), '[]'))`);
  }

  list(userId: string, limit: number): Promise<Notification[]> {
    return this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM ${N.table} WHERE ${N.c.userId} = $1 ORDER BY ${N.c.at} DESC, ${N.c.id} LIMIT $2`,
      [userId, limit],
    );
  }

  async unread(userId: string): Promise<number> {
    const [r] = await this.db.query(`SELECT count(*)::int AS n FROM ${N.table} WHERE ${N.c.userId} = $1 AND ${N.c.readAt} IS NULL`, [
      userId,
    ]);
    return r.n;
  }

  async markRead(userId: string, id: string): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE ${N.table} SET ${N.c.readAt} = COALESCE(${N.c.readAt}, now()) WHERE ${N.c.id} = $1 AND ${N.c.userId} = $2 RETURNING ${N.c.id}`,
      [id, userId],
    );
    return updatedRows(result).length > 0;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.db.query(`UPDATE ${N.table} SET ${N.c.readAt} = now() WHERE ${N.c.userId} = $1 AND ${N.c.readAt} IS NULL`, [userId]);
  }

  async preferences(userId: string): Promise<{ kind: NotificationKind; channel: NotificationChannel }[]> {
    return this.db.query(`SELECT ${P.c.kind}, ${P.c.channel} FROM ${P.table} WHERE ${P.c.userId} = $1`, [userId]);
  }

  async setPreferences(userId: string, prefs: [NotificationKind, NotificationChannel][]): Promise<void> {
    await this.db.query(
      `INSERT INTO ${P.table} (${P.c.userId}, ${P.c.kind}, ${P.c.channel}) SELECT $1, * FROM unnest($2::text[], $3::text[])
       ON CONFLICT (${P.c.userId}, ${P.c.kind}) DO UPDATE SET ${P.c.channel} = EXCLUDED.${P.c.channel}`,
      [userId, prefs.map((p) => p[0]), prefs.map((p) => p[1])],
    );
  }

  /** Takes the reminder slot for a card target unless one was taken within the hour (by the pipeline clock). */
  async takeReminderSlot(m: EntityManager, cardId: string, target: string, at: Date): Promise<boolean> {
    const result = await m.query(
      `INSERT INTO ${R.table} (${R.c.cardId}, ${R.c.target}, ${R.c.at}) VALUES ($1, $2, $3)
       ON CONFLICT (${R.c.cardId}, ${R.c.target}) DO UPDATE SET ${R.c.at} = EXCLUDED.${R.c.at} WHERE ${R.table}.${R.c.at} <= EXCLUDED.${R.c.at} - interval '1 hour'
       RETURNING ${R.c.cardId}`,
      [cardId, target, at],
    );
    return updatedRows(result).length > 0;
  }

  async queueEmails(m: EntityManager, mails: { to: string; subject: string; body: string }[]): Promise<void> {
    if (mails.length === 0) return;
    await m.query(
      `INSERT INTO ${O.table} (${O.c.toAddress}, ${O.c.subject}, ${O.c.body}) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [mails.map((x) => x.to), mails.map((x) => x.subject), mails.map((x) => x.body)],
    );
  }
}
