import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a pipeline's shape (lanes, checklist items, its name) sends NOTIFY relay_pipeline_changed
 * when it commits, whoever makes it: each instance caches its pipeline configuration and drops the cache
 * on that signal (PipelineRepository). PostgreSQL folds the notifications of one transaction into one.
 */
export class PipelineChangeNotify1763900400000 implements MigrationInterface {
  name = 'PipelineChangeNotify1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION relay_pipeline_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('relay_pipeline_changed', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER lanes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lanes
        FOR EACH STATEMENT EXECUTE FUNCTION relay_pipeline_changed();
      CREATE TRIGGER checklist_items_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON checklist_items
        FOR EACH STATEMENT EXECUTE FUNCTION relay_pipeline_changed();
      -- Not on every UPDATE: each board event bumps pipelines.last_seq.
      CREATE TRIGGER pipelines_changed AFTER INSERT OR DELETE OR UPDATE OF name ON pipelines
        FOR EACH STATEMENT EXECUTE FUNCTION relay_pipeline_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER pipelines_changed ON pipelines;
      DROP TRIGGER checklist_items_changed ON checklist_items;
      DROP TRIGGER lanes_changed ON lanes;
      DROP FUNCTION relay_pipeline_changed();
    `);
  }
}
