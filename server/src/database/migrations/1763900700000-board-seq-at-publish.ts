import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board events take their seq when they are published instead of at commit.
 *
 * At commit (migration BoardSeqAtCommit) every change on a board took the pipeline row's lock inside its
 * commit and held it through its WAL flush: commits on one board were flushed one after another, and under
 * load each waited for every flush queued before it. Now a change commits its events without a seq, holding
 * no shared lock, so concurrent commits share their flushes. `board_events_claim` numbers what has committed
 * and is still unnumbered, in insertion order, under the pipeline row's lock, and commits that durably before
 * the caller emits anything: seqs stay gapless, every seq a client sees survives a crash, and a change that
 * committed after another one it depends on (a move made on the card version the first one wrote) is never
 * numbered before it. Only claims queue on the row; the hub batches them (one per board at a time per instance).
 */
export class BoardSeqAtPublish1763900700000 implements MigrationInterface {
  name = 'BoardSeqAtPublish1763900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER board_events_take_seq ON board_events;
      DROP FUNCTION board_events_take_seq();
      -- Numbered but never emitted (a crash between commit and publish): clients fetch them by seq when they
      -- see the next one; from here on the sweep only looks for unnumbered events.
      UPDATE board_events SET published_at = now() WHERE published_at IS NULL;
      DROP INDEX board_events_unpublished_idx;
      CREATE INDEX board_events_unclaimed_idx ON board_events (pipeline_id, id) WHERE seq IS NULL;

      CREATE FUNCTION board_events_claim(p_pipeline uuid, p_limit integer) RETURNS SETOF board_events
      LANGUAGE plpgsql AS $$
      DECLARE
        base bigint;
        claimed bigint;
      BEGIN
        SELECT last_seq INTO base FROM pipelines WHERE id = p_pipeline FOR UPDATE;
        -- A new snapshot, taken with the lock held: every commit the previous claim could not see is visible.
        RETURN QUERY
          WITH numbered AS (
            SELECT id, base + row_number() OVER (ORDER BY id) AS seq
              FROM (SELECT id FROM board_events WHERE pipeline_id = p_pipeline AND seq IS NULL ORDER BY id LIMIT p_limit) pending
          )
          UPDATE board_events b SET seq = n.seq, published_at = now() FROM numbered n WHERE b.id = n.id RETURNING b.*;
        GET DIAGNOSTICS claimed = ROW_COUNT;
        IF claimed > 0 THEN
          UPDATE pipelines SET last_seq = base + claimed WHERE id = p_pipeline;
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      SELECT count(*) FROM pipelines p, board_events_claim(p.id, 2147483647);
      DROP FUNCTION board_events_claim(uuid, integer);
      DROP INDEX board_events_unclaimed_idx;
      CREATE INDEX board_events_unpublished_idx ON board_events (pipeline_id, seq) WHERE published_at IS NULL;
      CREATE FUNCTION board_events_take_seq() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE next_seq bigint;
      BEGIN
        UPDATE pipelines SET last_seq = last_seq + 1 WHERE id = NEW.pipeline_id RETURNING last_seq INTO next_seq;
        UPDATE board_events SET seq = next_seq WHERE id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER board_events_take_seq AFTER INSERT ON board_events
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION board_events_take_seq();
    `);
  }
}
