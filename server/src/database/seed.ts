import { DEFAULT_DEPARTMENTS, DEFAULT_PIPELINE, DEMO_PEOPLE } from '@relay/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../modules/auth/passwords.js';
import { T } from './schema/index.js';

const { pipelines: P, departments: D, lanes: L, checklistItems: I, users: U, userDepartments: UD } = T;

/** Seeds the default pipeline into an empty database. Returns false when a pipeline already exists. */
export async function seedPipeline(ds: DataSource): Promise<boolean> {
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(727002)');
    const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM ${P.table}`);
    if (count > 0) return false;
    for (const d of DEFAULT_DEPARTMENTS) {
      await m.query(`INSERT INTO ${D.table} (${D.c.key}, ${D.c.name}) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [d.key, d.name]);
    }
    const [{ id: pipelineId }] = await m.query(`INSERT INTO ${P.table} (${P.c.name}) VALUES ($1) RETURNING ${P.c.id}`, [
      DEFAULT_PIPELINE.name,
    ]);
    for (const [position, lane] of DEFAULT_PIPELINE.lanes.entries()) {
      await insertLane(m, pipelineId, position, lane);
    }
    return true;
  });
}

async function insertLane(m: EntityManager, pipelineId: string, position: number, lane: (typeof DEFAULT_PIPELINE.lanes)[number]) {
  const [{ id: laneId }] = await m.query(
    `INSERT INTO ${L.table} (${L.c.pipelineId}, ${L.c.key}, ${L.c.name}, ${L.c.position}, ${L.c.departmentKey}, ${L.c.role}, ${L.c.timeLimitHours}, ${L.c.terminal}, ${L.c.customerName}, ${L.c.customerDescription})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${L.c.id}`,
    [
      pipelineId,
      lane.key,
      lane.name,
      position,
      lane.department,
      lane.role ?? null,
      lane.timeLimitHours,
      lane.department === null,
      lane.customerName,
      lane.customerDescription,
    ],
  );
  for (const [i, item] of lane.items.entries()) {
    await m.query(
      `INSERT INTO ${I.table} (${I.c.laneId}, ${I.c.label}, ${I.c.help}, ${I.c.kind}, ${I.c.required}, ${I.c.role}, ${I.c.options}, ${I.c.rules}, ${I.c.position}, ${I.c.audience})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        laneId,
        item.label,
        item.help ?? null,
        item.kind,
        item.required ?? true,
        item.role ?? null,
        item.options ? JSON.stringify(item.options) : null,
        item.rules ? JSON.stringify(item.rules) : null,
        (i + 1) * 1024,
        item.audience ?? 'team',
      ],
    );
  }
}

/** The columns a seeded person is inserted with. */
const USER_COLUMNS = `${U.c.name}, ${U.c.email}, ${U.c.role}, ${U.c.passwordHash}`;

/** Seeds the demo people of API.md when nobody exists yet. Returns the emails created. */
export async function seedDemoPeople(ds: DataSource, password: string): Promise<string[]> {
  const hash = await hashPassword(password);
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(727003)');
    const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM ${U.table}`);
    if (count > 0) return [];
    for (const p of DEMO_PEOPLE) {
      const [{ id }] = await m.query(`INSERT INTO ${U.table} (${USER_COLUMNS}) VALUES ($1, $2, $3, $4) RETURNING ${U.c.id}`, [
        p.name,
        p.email,
        p.role,
        hash,
      ]);
      for (const d of p.departments)
        await m.query(`INSERT INTO ${UD.table} (${UD.c.userId}, ${UD.c.departmentKey}) VALUES ($1, $2)`, [id, d]);
    }
    return DEMO_PEOPLE.map((p) => p.email);
  });
}

/**
 * Creates the first administrator (RELAY_ADMIN_EMAIL / RELAY_ADMIN_PASSWORD) unless someone already has
 * that email: an existing account, its password included, is never touched. Returns whether it was created.
 */
export async function seedAdmin(ds: DataSource, admin: { email: string; password: string }): Promise<boolean> {
  const hash = await hashPassword(admin.password);
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(727003)');
    const rows = await m.query(
      `INSERT INTO ${U.table} (${USER_COLUMNS})
       SELECT 'Administrator', $1, 'admin', $2 WHERE NOT EXISTS (SELECT FROM ${U.table} WHERE lower(${U.c.email}) = lower($1)) RETURNING ${U.c.id}`,
      [admin.email, hash],
    );
    return rows.length > 0;
  });
}
