import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Health tracking on cards, nudges (once per card, visit and level), notifications, preferences, reminders and the email outbox. */
export class NotificationsAndNudges1763900100000 implements MigrationInterface {
  name = 'NotificationsAndNudges1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cards
        ADD COLUMN health_state text NOT NULL DEFAULT 'ok' CHECK (health_state IN ('ok','at_risk','stuck')),
        ADD COLUMN nudge_level smallint NOT NULL DEFAULT 0;

      -- The constraint that makes a nudge happen once per card, lane visit and level, on any instance.
      CREATE TABLE nudges (
        card_id uuid NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        lane_visit int NOT NULL,
        level smallint NOT NULL CHECK (level IN (1, 2)),
        lane_id uuid NOT NULL REFERENCES lanes(id),
        at timestamptz NOT NULL,
        PRIMARY KEY (card_id, lane_visit, level)
      );

      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        card_id uuid REFERENCES cards(id) ON DELETE CASCADE,
        text text NOT NULL,
        at timestamptz NOT NULL,
        read_at timestamptz,
        digest boolean NOT NULL DEFAULT false
      );
      CREATE INDEX notifications_user_idx ON notifications (user_id, at DESC);
      CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('in_app','email','digest','off')),
        PRIMARY KEY (user_id, kind)
      );

      -- Hand reminders: at most one per card and target (an item, or the whole lane) per hour.
      CREATE TABLE reminders (
        card_id uuid NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        target text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (card_id, target)
      );

      CREATE TABLE email_outbox (
        id bigserial PRIMARY KEY,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        last_error text
      );
      CREATE INDEX email_outbox_pending_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;

      -- One digest per person and day, whichever instance sends it.
      CREATE TABLE digests (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        day date NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, day)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE digests, email_outbox, reminders, notification_preferences, notifications, nudges;
      ALTER TABLE cards DROP COLUMN health_state, DROP COLUMN nudge_level;
    `);
  }
}
