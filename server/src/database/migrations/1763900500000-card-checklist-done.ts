import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each card keeps its checklist progress (satisfied required items of its current lane) in
 * `cards.checklist_done`, so the board reads it with the card instead of counting every value of every
 * card on each request. PostgreSQL maintains it, whoever writes: when values are set, cleared or re-judged,
 * when a card changes lane, and when an item of a lane is added, made (not) required or retired.
 * `relay_checklist_done` is the one place that says what counts.
 */
export class CardChecklistDone1763900500000 implements MigrationInterface {
  name = 'CardChecklistDone1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- PL/pgSQL, not SQL: its plan is cached per connection instead of planned again on every call.
      CREATE FUNCTION relay_checklist_done(card uuid, lane uuid) RETURNS int LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (SELECT count(*) FROM checklist_values v JOIN checklist_items i ON i.id = v.item_id
                 WHERE v.card_id = card AND v.satisfied AND i.lane_id = lane AND i.required AND i.retired_at IS NULL);
      END $$;

      ALTER TABLE cards ADD COLUMN checklist_done int NOT NULL DEFAULT 0;
      UPDATE cards SET checklist_done = relay_checklist_done(id, lane_id);

      -- A card entering a lane starts from the values it already holds there (a card sent back keeps them).
      CREATE FUNCTION relay_card_lane_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.checklist_done := relay_checklist_done(NEW.id, NEW.lane_id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER cards_lane_changed BEFORE UPDATE OF lane_id ON cards
        FOR EACH ROW WHEN (OLD.lane_id IS DISTINCT FROM NEW.lane_id) EXECUTE FUNCTION relay_card_lane_changed();

      -- Recounts the given cards, writing only those whose count changed.
      CREATE FUNCTION relay_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cards c SET checklist_done = d.n
          FROM (SELECT c2.id, relay_checklist_done(c2.id, c2.lane_id) AS n FROM cards c2 WHERE c2.id = ANY(ids)) d
         WHERE c.id = d.id AND c.checklist_done <> d.n;
      END $$;

      -- Values: once per statement for the cards it touched (bulk loads stay one statement).
      CREATE FUNCTION relay_values_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM relay_recount(ARRAY(SELECT DISTINCT card_id FROM changed));
        RETURN NULL;
      END $$;
      CREATE TRIGGER checklist_values_inserted AFTER INSERT ON checklist_values
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_values_changed();
      CREATE TRIGGER checklist_values_updated AFTER UPDATE ON checklist_values
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_values_changed();
      CREATE TRIGGER checklist_values_deleted AFTER DELETE ON checklist_values
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_values_changed();

      -- Items: every card in a lane whose checklist changed (an item's lane never changes).
      CREATE FUNCTION relay_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM relay_recount(ARRAY(SELECT c.id FROM cards c WHERE c.lane_id IN (SELECT lane_id FROM changed)));
        RETURN NULL;
      END $$;
      CREATE TRIGGER checklist_items_inserted AFTER INSERT ON checklist_items
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_items_changed();
      CREATE TRIGGER checklist_items_updated AFTER UPDATE ON checklist_items
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_items_changed();
      CREATE TRIGGER checklist_items_deleted AFTER DELETE ON checklist_items
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION relay_items_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER checklist_items_deleted ON checklist_items;
      DROP TRIGGER checklist_items_updated ON checklist_items;
      DROP TRIGGER checklist_items_inserted ON checklist_items;
      DROP FUNCTION relay_items_changed();
      DROP TRIGGER checklist_values_deleted ON checklist_values;
      DROP TRIGGER checklist_values_updated ON checklist_values;
      DROP TRIGGER checklist_values_inserted ON checklist_values;
      DROP FUNCTION relay_values_changed();
      DROP FUNCTION relay_recount(uuid[]);
      DROP TRIGGER cards_lane_changed ON cards;
      DROP FUNCTION relay_card_lane_changed();
      ALTER TABLE cards DROP COLUMN checklist_done;
      DROP FUNCTION relay_checklist_done(uuid, uuid);
    `);
  }
}
