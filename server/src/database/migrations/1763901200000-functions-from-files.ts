import type { MigrationInterface, QueryRunner } from 'typeorm';
import { functionFiles } from '../functions/index.js';

/**
 * Every database function and trigger is (re)created from its file in database/functions (CREATE OR REPLACE),
 * so a reader finds each one's current body there instead of in the newest of the migrations that wrote it.
 * Changing a function: edit its file and add a migration that runs this one's `up` again.
 */
export class FunctionsFromFiles1763901200000 implements MigrationInterface {
  name = 'FunctionsFromFiles1763901200000';

  async up(q: QueryRunner): Promise<void> {
    for (const f of functionFiles()) await q.query(f.sql);
  }

  async down(): Promise<void> {
    // The bodies are the same functions reformatted: the previous migrations' definitions still hold.
  }
}
