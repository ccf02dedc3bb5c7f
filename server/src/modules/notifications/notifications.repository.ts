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

const NOTIFICATION_COLUMNS = `id, kind, card_id AS "cardId", text, at, read_at IS NOT NULL AS read`;

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
      `SELECT r.ord, r.kind, r.card_id, r.text, u.id AS user_id, u.email, u.name,
               COALESCE(p.channel, ${p.add(JSON.stringify(ROLE_DEFAULT_PREFERENCES))}::jsonb -> u.role ->> r.kind,
                        ${p.add(JSON.stringify(DEFAULT_PREFERENCES))}::jsonb ->> r.kind) AS channel
          FROM notify_req r
          JOIN users u ON u.active AND u.id IS DISTINCT FROM r.except_user
           AND (u.id = ANY(r.user_ids) OR u.role = ANY(r.roles)
                OR (EXISTS (SELECT FROM user_departments d WHERE d.user_id = u.id AND d.department_key = r.department)
                    AND (r.department_roles IS NULL OR u.role = ANY(r.department_roles))))
          LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = r.kind`,
    );
    s.with(
      'notified',
      `INSERT INTO notifications (user_id, kind, card_id, text, at, digest)
        SELECT user_id, kind, card_id, text, ${p.add(at)}::timestamptz, channel = 'digest' FROM notify_to WHERE channel <> 'off' ORDER BY ord, user_id
        RETURNING id, user_id, kind, card_id, text, at`,
    );
    s.with(
      'mailed',
      `INSERT INTO email_outbox (to_address, subject, body)
        SELECT email, 'Relay: ' || text, format(${p.add(MAIL_BODY)}, name, text, ${p.add(link)} || COALESCE('/?card=' || card_id, ''))
          FROM notify_to WHERE channel = 'email' ORDER BY ord, user_id
        RETURNING 1`,
    );
    // Rows inserted by this statement are not in its snapshot: a person's earlier ones in it are counted by `nth`.
    // The cap is written into the SQL: with a LIMIT parameter PostgreSQL would plan the statement on every call.
    return new SqlAnswer(`json_build_object('mailed', (SELECT count(*) FROM mailed), 'pushes', COALESCE((
        SELECT json_agg(json_build_object('id', n.id, 'userId', n.user_id, 'kind', n.kind, 'cardId', n.card_id, 'text', n.text,
                 'at', ${isoTime('n.at')}, 'read', false, 'unread', LEAST(${UNREAD_PUSH_CAP},
                 (SELECT count(*) FROM (SELECT FROM notifications x WHERE x.user_id = n.user_id AND x.read_at IS NULL LIMIT ${UNREAD_PUSH_CAP - 1}) x) + n.nth)))
          FROM (SELECT *, row_number() OVER (PARTITION BY user_id) AS nth FROM notified) n), '[]'))`);
  }

  list(userId: string, limit: number): Promise<Notification[]> {
    return this.db.query(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = $1 ORDER BY at DESC, id LIMIT $2`, [
      userId,
      limit,
    ]);
  }

  async unread(userId: string): Promise<number> {
    const [r] = await this.db.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return r.n;
  }

  async markRead(userId: string, id: string): Promise<boolean> {
    const result = await this.db.query(
      'UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id',
      [id, userId],
    );
    return updatedRows(result).length > 0;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
  }

  async preferences(userId: string): Promise<{ kind: NotificationKind; channel: NotificationChannel }[]> {
    return this.db.query('SELECT kind, channel FROM notification_preferences WHERE user_id = $1', [userId]);
  }

  async setPreferences(userId: string, prefs: [NotificationKind, NotificationChannel][]): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, kind, channel) SELECT $1, * FROM unnest($2::text[], $3::text[])
       ON CONFLICT (user_id, kind) DO UPDATE SET channel = EXCLUDED.channel`,
      [userId, prefs.map((p) => p[0]), prefs.map((p) => p[1])],
    );
  }

  /** Takes the reminder slot for a card target unless one was taken within the hour (by the pipeline clock). */
  async takeReminderSlot(m: EntityManager, cardId: string, target: string, at: Date): Promise<boolean> {
    const result = await m.query(
      `INSERT INTO reminders (card_id, target, at) VALUES ($1, $2, $3)
       ON CONFLICT (card_id, target) DO UPDATE SET at = EXCLUDED.at WHERE reminders.at <= EXCLUDED.at - interval '1 hour'
       RETURNING card_id`,
      [cardId, target, at],
    );
    return updatedRows(result).length > 0;
  }

  async queueEmails(m: EntityManager, mails: { to: string; subject: string; body: string }[]): Promise<void> {
    if (mails.length === 0) return;
    await m.query('INSERT INTO email_outbox (to_address, subject, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
      mails.map((x) => x.to),
      mails.map((x) => x.subject),
      mails.map((x) => x.body),
    ]);
  }
}
