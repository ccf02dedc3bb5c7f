import type { DataSource } from 'typeorm';
import { T } from '../../src/database/schema/index.js';
import { migratedDatabase } from '../support/migrated-database.js';

describe('the schema in TypeScript (database/schema) and the migrations', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await migratedDatabase();
  });
  afterAll(() => ds.destroy());

  it('agree: after the migrations, TypeORM would change nothing', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('declare every table the migrations create, with every column', async () => {
    const rows: { table: string; column: string }[] = await ds.query(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'socket_io_attachments')
        ORDER BY table_name, ordinal_position`,
    );
    const live = new Map<string, string[]>();
    for (const r of rows) live.set(r.table, [...(live.get(r.table) ?? []), r.column]);
    const declared = new Map(Object.values(T).map((t) => [t.table as string, [...t.columns]]));
    expect(Object.fromEntries([...declared].sort())).toEqual(Object.fromEntries([...live].sort()));
  });

  // TypeORM's schema builder compares indexes and CHECK constraints by name only: their definitions are compared
  // here, each declared one built by PostgreSQL on an empty copy of its table and printed the way the live one is.
  it('declare every index and CHECK constraint as the migrations define it', async () => {
    const live: { name: string; def: string }[] = await ds.query(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename NOT IN ('migrations', 'socket_io_attachments')
          AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conname = i.indexname)
       UNION ALL
       SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'c' AND t.relnamespace = 'public'::regnamespace`,
    );
    const declared = await ds.transaction(async (m) => {
      const defs: { name: string; def: string }[] = [];
      for (const t of Object.values(T)) {
        const probe = `probe_${t.table}`;
        await m.query(`CREATE TEMP TABLE ${probe} (LIKE ${t.table})`);
        const c = t.c as Record<string, string>;
        for (const i of t.entity.options.indices ?? []) {
          const keys = t.indexKeys[i.name!] ?? (i.columns as string[]).map((k) => c[k]).join(', ');
          await m.query(
            `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${probe}_${i.name} ON ${probe} USING ${t.indexMethods[i.name!] ?? 'btree'} (${keys})${i.where ? ` WHERE ${i.where}` : ''}`,
          );
          const [{ def }] = await m.query('SELECT indexdef AS def FROM pg_indexes WHERE indexname = $1', [`${probe}_${i.name}`]);
          defs.push({ name: i.name!, def });
        }
        for (const k of t.entity.options.checks ?? []) {
          await m.query(`ALTER TABLE ${probe} ADD CONSTRAINT ${probe}_${k.name} CHECK (${k.expression})`);
          const [{ def }] = await m.query('SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1', [
            `${probe}_${k.name}`,
          ]);
          defs.push({ name: k.name!, def });
        }
      }
      return defs;
    });
    const normal = (list: { name: string; def: string }[]) =>
      Object.fromEntries(
        list.map((d) => [d.name, d.def.replace(/INDEX \S+ ON \S+ USING/, 'INDEX ON t USING')]).sort((a, b) => a[0].localeCompare(b[0])),
      );
    expect(normal(declared)).toEqual(normal(live));
  });

  it('names columns for hand-written SQL from the declarations', () => {
    expect(T.cards.table).toBe('cards');
    expect(T.cards.c.customerName).toBe('customer_name');
    expect(T.boardEvents.c.requestId).toBe('request_id');
  });
});
