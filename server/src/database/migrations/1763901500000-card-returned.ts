import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A card sent back says so until it moves on (issue 23, item 8): `cards.returned` holds the send-back that
 * brought it into its lane. Cards that are back in a lane today get theirs from their latest history line.
 */
export class CardReturned1763901500000 implements MigrationInterface {
  name = 'CardReturned1763901500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cards ADD COLUMN returned jsonb`);
    await q.query(`
      UPDATE cards c SET returned = jsonb_build_object('fromKey', e.data->>'from', 'fromName', e.data->>'fromName',
               'reason', e.data->>'reason', 'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        FROM (SELECT DISTINCT ON (card_id) card_id, type, data, at FROM card_events
               WHERE type IN ('moved', 'sent_back', 'move_undone') ORDER BY card_id, at DESC, id DESC) e
       WHERE e.card_id = c.id AND e.type = 'sent_back' AND e.data->>'reason' IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cards DROP COLUMN returned`);
  }
}
