import type { MigrationInterface, QueryRunner } from 'typeorm';
import { functionFiles } from '../functions/index.js';

/**
 * Issue 24: the settings row (doneVisibleDays, touchCadenceDays, calendar); the open cards' index the board
 * reads by (the closed ones it shows come from cards_done_idx); search over every card: `unaccent` in its own
 * schema (so its functions are not Relay's), the IMMUTABLE wrappers from database/functions, the words stored in
 * `search_words` (kept by a trigger: computing them per row made a broad search scan at 14 µs a row) under a GIN
 * index, and an index on `created_at` for the list's default order.
 */
export class ClosedCards1763901400000 implements MigrationInterface {
  name = 'ClosedCards1763901400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE settings (
      id smallint PRIMARY KEY,
      done_visible_days integer NOT NULL DEFAULT 14,
      touch_cadence_days integer DEFAULT 7,
      calendar jsonb,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO settings (id) VALUES (1)`);
    await q.query(`CREATE INDEX cards_open_idx ON cards (pipeline_id) WHERE done_at IS NULL`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS extensions`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA extensions`);
    await q.query(`ALTER TABLE cards ADD COLUMN search_words tsvector`);
    for (const f of functionFiles()) await q.query(f.sql);
    await q.query(
      `UPDATE cards SET search_words = relay_card_search(customer_name, contact_name, contact_email, service_address, notes, special_conditions)`,
    );
    await q.query(`CREATE INDEX cards_search_idx ON cards USING gin (search_words)`);
    await q.query(`CREATE INDEX cards_created_idx ON cards (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cards_created_idx`);
    await q.query(`DROP INDEX cards_search_idx`);
    await q.query(`DROP TRIGGER cards_search_words ON cards`);
    await q.query(`DROP FUNCTION relay_card_search_words()`);
    await q.query(`ALTER TABLE cards DROP COLUMN search_words`);
    await q.query(`DROP FUNCTION relay_card_search(text, text, text, text, text, text)`);
    await q.query(`DROP FUNCTION relay_unaccent(text)`);
    await q.query(`DROP EXTENSION unaccent`);
    await q.query(`DROP INDEX cards_open_idx`);
    await q.query(`DROP TABLE settings`);
  }
}
