import { DEFAULT_DEPARTMENTS, DEFAULT_PIPELINE, DEMO_PEOPLE } from '@relay/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../modules/auth/passwords.js';

/** Seeds the default pipeline into an empty database. Returns false when a pipeline already exists. */
export async function seedPipeline(ds: DataSource): Promise<boolean> {
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(727002)');
    const [{ count }] = await m.query('SELECT count(*)::int AS count FROM pipelines');
    if (count > 0) return false;
    for (const d of DEFAULT_DEPARTMENTS) {
      await m.query('INSERT INTO departments (key, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [d.key, d.name]);
    }
    const [{ id: pipelineId }] = await m.query('INSERT INTO pipelines (name) VALUES ($1) RETURNING id', [DEFAULT_PIPELINE.name]);
    for (const [position, lane] of DEFAULT_PIPELINE.lanes.entries()) {
      await insertLane(m, pipelineId, position, lane);
    }
    return true;
  });
}

async function insertLane(m: EntityManager, pipelineId: string, position: number, lane: (typeof DEFAULT_PIPELINE.lanes)[number]) {
  const [{ id: laneId }] = await m.query(
    `INSERT INTO lanes (pipeline_id, key, name, position, department_key, role, time_limit_hours, terminal, customer_name, customer_description)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
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
      `INSERT INTO checklist_items (lane_id, label, help, kind, required, role, options, rules, position, audience)
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

/** Seeds the demo people of API.md when nobody exists yet. Returns the emails created. */
export async function seedDemoPeople(ds: DataSource, password: string): Promise<string[]> {
  const hash = await hashPassword(password);
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(727003)');
    const [{ count }] = await m.query('SELECT count(*)::int AS count FROM users');
    if (count > 0) return [];
    for (const p of DEMO_PEOPLE) {
      const [{ id }] = await m.query('INSERT INTO users (name, email, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id', [
        p.name,
        p.email,
        p.role,
        hash,
      ]);
      for (const d of p.departments) await m.query('INSERT INTO user_departments (user_id, department_key) VALUES ($1, $2)', [id, d]);
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
      `INSERT INTO users (name, email, role, password_hash)
       SELECT 'Administrator', $1, 'admin', $2 WHERE NOT EXISTS (SELECT FROM users WHERE lower(email) = lower($1)) RETURNING id`,
      [admin.email, hash],
    );
    return rows.length > 0;
  });
}
