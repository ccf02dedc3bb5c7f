import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event is `published` once the instance that numbered it has emitted it, not when it is numbered.
 *
 * `board_events_claim` used to set `published_at` with the seq, so an event numbered by an instance that died
 * before emitting it looked delivered: sockets on the other instances learnt of it only from a later event's
 * gap. The claim now records `claimed_at` and `claimed_by`, the claiming instance's key: each instance holds a
 * session advisory lock (ChangeSignals' INSTANCE_LOCK_CLASS, key) while it lives, on its change-listener connection. The hub
 * sets `published_at` once its emit has left for the adapter, and every instance's sweep emits what is
 * numbered, unpublished and claimed by an instance whose lock nobody holds (it died: PostgreSQL ends its
 * session, and the lock, when the process goes), or claimed more than 30 s ago.
 */
export class PublishedAfterEmit1763901000000 implements MigrationInterface {
  name = 'PublishedAfterEmit1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE board_events ADD COLUMN claimed_at timestamptz, ADD COLUMN claimed_by integer;
      CREATE INDEX board_events_unemitted_idx ON board_events (id) WHERE seq IS NOT NULL AND published_at IS NULL;
      DROP FUNCTION board_events_claim(uuid, integer);
      CREATE FUNCTION board_events_claim(p_pipeline uuid, p_limit integer, p_claimer integer DEFAULT NULL) RETURNS SETOF board_events
      ${claimBody('claimed_at = now(), claimed_by = p_claimer')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION board_events_claim(uuid, integer, integer);
      CREATE FUNCTION board_events_claim(p_pipeline uuid, p_limit integer) RETURNS SETOF board_events
      ${claimBody('published_at = now()')}
      UPDATE board_events SET published_at = now() WHERE seq IS NOT NULL AND published_at IS NULL;
      DROP INDEX board_events_unemitted_idx;
      ALTER TABLE board_events DROP COLUMN claimed_at, DROP COLUMN claimed_by;
    `);
  }
}

function claimBody(stamp: string): string {
  return `
    LANGUAGE plpgsql AS $$
    DECLARE
      base bigint;
      claimed bigint;
    BEGIN
      SELECT last_seq INTO base FROM pipelines WHERE id = p_pipeline FOR NO KEY UPDATE;
      -- A new snapshot, taken with the lock held: every commit the previous claim could not see is visible.
      RETURN QUERY
        WITH numbered AS (
          SELECT id, base + row_number() OVER (ORDER BY id) AS seq
            FROM (SELECT id FROM board_events WHERE pipeline_id = p_pipeline AND seq IS NULL ORDER BY id LIMIT p_limit) pending
        )
        UPDATE board_events b SET seq = n.seq, ${stamp} FROM numbered n WHERE b.id = n.id RETURNING b.*;
      GET DIAGNOSTICS claimed = ROW_COUNT;
      IF claimed > 0 THEN
        UPDATE pipelines SET last_seq = base + claimed WHERE id = p_pipeline;
      END IF;
    END $$;`;
}
