import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board events take their seq at commit instead of as the transaction's last statement.
 *
 * The seq comes from `pipelines.last_seq`, whose row lock is held until the transaction ends; that keeps
 * seqs gapless and in commit order, but every change on a board queues on that one row. Taken by a
 * statement from Node, the lock was held across a round trip to the server (the COMMIT still to be sent,
 * behind whatever else the event loop was doing). A deferred constraint trigger takes it inside
 * PostgreSQL's own commit processing, so it is held only for the commit itself. Rows are inserted with
 * a null seq, which no other transaction can ever see: the trigger fills it before the commit is visible.
 */
export class BoardSeqAtCommit1763900300000 implements MigrationInterface {
  name = 'BoardSeqAtCommit1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE board_events DROP CONSTRAINT board_events_pkey;
      ALTER TABLE board_events ADD COLUMN id bigserial PRIMARY KEY;
      ALTER TABLE board_events ALTER COLUMN seq DROP NOT NULL;
      CREATE UNIQUE INDEX board_events_seq_idx ON board_events (pipeline_id, seq);

      CREATE FUNCTION board_events_take_seq() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE next_seq bigint;
      BEGIN
        UPDATE pipelines SET last_seq = last_seq + 1 WHERE id = NEW.pipeline_id RETURNING last_seq INTO next_seq;
        UPDATE board_events SET seq = next_seq WHERE id = NEW.id;
        RETURN NULL;
      END $$;
      -- Deferred triggers fire at commit in the order their rows were inserted.
      CREATE CONSTRAINT TRIGGER board_events_take_seq AFTER INSERT ON board_events
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION board_events_take_seq();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER board_events_take_seq ON board_events;
      DROP FUNCTION board_events_take_seq();
      DROP INDEX board_events_seq_idx;
      ALTER TABLE board_events DROP CONSTRAINT board_events_pkey;
      ALTER TABLE board_events DROP COLUMN id;
      ALTER TABLE board_events ALTER COLUMN seq SET NOT NULL;
      ALTER TABLE board_events ADD PRIMARY KEY (pipeline_id, seq);
    `);
  }
}
