import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who changed which setting (before and after), and one-time invitation links. */
export class AdminAuditAndInvites1763900200000 implements MigrationInterface {
  name = 'AdminAuditAndInvites1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_audit (
        id bigserial PRIMARY KEY,
        actor_id uuid REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now(),
        entity text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb
      );
      CREATE INDEX admin_audit_at_idx ON admin_audit (at DESC);

      CREATE TABLE invites (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX invites_user_idx ON invites (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE invites, admin_audit');
  }
}
