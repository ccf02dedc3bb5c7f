import type { DataSource } from 'typeorm';
import { functionFiles } from '../../src/database/functions/index.js';
import { migratedDatabase } from '../support/migrated-database.js';

/** A file's function, as pg_get_functiondef prints it, and its triggers, as pg_get_triggerdef prints them. */
function parse(sql: string): { fn: string; triggers: string[] } {
  const start = sql.indexOf('CREATE OR REPLACE FUNCTION');
  const open = sql.indexOf('$function$', start);
  const close = sql.indexOf('$function$', open + 1) + '$function$'.length;
  const triggers = [...sql.slice(close).matchAll(/^CREATE OR REPLACE TRIGGER (.*);$/gm)].map((m) => `CREATE TRIGGER ${m[1]}`);
  return { fn: sql.slice(start, close), triggers };
}

describe('database functions and triggers (database/functions)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await migratedDatabase();
  });
  afterAll(() => ds.destroy());

  it('are live in PostgreSQL exactly as their files say, and every one has a file', async () => {
    const live: { name: string; def: string }[] = await ds.query(
      `SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`,
    );
    const files = functionFiles();
    expect(files.map((f) => f.name)).toEqual(live.map((f) => f.name));
    for (const f of files)
      expect({ name: f.name, def: parse(f.sql).fn }).toEqual({ name: f.name, def: live.find((l) => l.name === f.name)!.def.trimEnd() });
  });

  it('create every trigger there is, as the database has it', async () => {
    const live: { def: string }[] = await ds.query(
      `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`,
    );
    const filed = functionFiles().flatMap((f) => parse(f.sql).triggers);
    expect([...filed].sort()).toEqual(live.map((t) => t.def).sort());
  });
});
