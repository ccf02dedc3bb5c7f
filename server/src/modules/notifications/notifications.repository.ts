import { Injectable } from '@nestjs/common';
import { UNREAD_PUSH_CAP, type Notification, type NotificationChannel, type NotificationKind, type Role } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { updatedRows } from '../../common/sql.js';

export interface Recipient {
  id: string;
  email: string;
  name: string;
  channel: NotificationChannel | null;
}

const NOTIFICATION_COLUMNS = `id, kind, card_id AS "cardId", text, at, read_at IS NOT NULL AS read`;

/** Notifications, preferences, reminders and the email outbox. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Who hears about something, in one statement: the active people among `userIds`, every active member
   * of `department` (only those with `departmentRoles` when given) and everyone active with one of
   * `roles`, except `exceptUserId`; each with their chosen channel for `kind` (null: the default).
   */
  audience(
    m: EntityManager,
    a: {
      kind: NotificationKind;
      userIds: string[];
      department: string | null;
      departmentRoles: Role[] | null;
      roles: Role[];
      exceptUserId: string | null;
    },
  ): Promise<Recipient[]> {
    return m.query(
      `SELECT u.id, u.email, u.name, p.channel FROM users u
         LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $1
        WHERE u.active AND u.id IS DISTINCT FROM $6::uuid
          AND (u.id = ANY($2::uuid[])
               OR u.role = ANY($5::text[])
               OR (EXISTS (SELECT FROM user_departments d WHERE d.user_id = u.id AND d.department_key = $3)
                   AND ($4::text[] IS NULL OR u.role = ANY($4::text[]))))
        ORDER BY u.id`,
      [a.kind, a.userIds, a.department, a.departmentRoles, a.roles, a.exceptUserId],
    );
  }

  /** Inserts notifications; each comes back with its person's unread count, up to UNREAD_PUSH_CAP. */
  async insert(
    m: EntityManager,
    rows: { userId: string; kind: NotificationKind; cardId: string | null; text: string; at: Date; digest: boolean }[],
  ): Promise<(Notification & { userId: string; unread: number })[]> {
    if (rows.length === 0) return [];
    return m.query(
      `WITH n AS (
         INSERT INTO notifications (user_id, kind, card_id, text, at, digest)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::boolean[])
         RETURNING id, user_id, kind, card_id, text, at, read_at)
       SELECT n.id, n.user_id AS "userId", n.kind, n.card_id AS "cardId", n.text, n.at, false AS read,
              (SELECT count(*) FROM (SELECT FROM notifications x WHERE x.user_id = n.user_id AND x.read_at IS NULL LIMIT $7) x)::int + 1 AS unread
         FROM n`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.kind),
        rows.map((r) => r.cardId),
        rows.map((r) => r.text),
        rows.map((r) => r.at),
        rows.map((r) => r.digest),
        UNREAD_PUSH_CAP - 1,
      ],
    );
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
