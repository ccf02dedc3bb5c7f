import { Injectable } from '@nestjs/common';
import type { AuditEntry, Department } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { userRef } from '../../common/sql.js';

/** Lanes, checklist templates, departments and the admin audit log. */
@Injectable()
export class AdminRepository {
  constructor(private readonly db: DataSource) {}

  async audit(
    m: EntityManager,
    e: { actorId: string; entity: string; entityId: string; action: string; before: unknown; after: unknown },
  ): Promise<void> {
    await m.query('INSERT INTO admin_audit (actor_id, entity, entity_id, action, before, after) VALUES ($1, $2, $3, $4, $5, $6)', [
      e.actorId,
      e.entity,
      e.entityId,
      e.action,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ]);
  }

  auditLog(limit: number): Promise<AuditEntry[]> {
    return this.db.query(
      `SELECT a.id::text, ${userRef('u')} AS actor, a.at, a.entity, a.entity_id AS "entityId", a.action, a.before, a.after
         FROM admin_audit a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.at DESC, a.id DESC LIMIT $1`,
      [limit],
    );
  }

  async updateLane(
    m: EntityManager,
    id: string,
    patch: {
      name?: string;
      department?: string;
      timeLimitHours?: number;
      customerName?: string | null;
      customerDescription?: string | null;
    },
  ): Promise<void> {
    // The customer texts may be cleared (null): only an absent field keeps its value.
    await m.query(
      `UPDATE lanes SET name = COALESCE($2, name), department_key = COALESCE($3, department_key), time_limit_hours = COALESCE($4, time_limit_hours),
         customer_name = CASE WHEN $5::boolean THEN $6 ELSE customer_name END,
         customer_description = CASE WHEN $7::boolean THEN $8 ELSE customer_description END WHERE id = $1`,
      [
        id,
        patch.name ?? null,
        patch.department ?? null,
        patch.timeLimitHours ?? null,
        patch.customerName !== undefined,
        patch.customerName?.trim() || null,
        patch.customerDescription !== undefined,
        patch.customerDescription?.trim() || null,
      ],
    );
  }

  async insertItem(m: EntityManager, laneId: string, item: Record<string, unknown>): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO checklist_items (lane_id, label, help, kind, required, role, options, rules, audience, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT COALESCE(max(position), 0) + 1024 FROM checklist_items WHERE lane_id = $1)) RETURNING id`,
      [
        laneId,
        item.label,
        item.help ?? null,
        item.kind,
        item.required,
        item.role ?? null,
        json(item.options),
        json(item.rules),
        item.audience ?? 'team',
      ],
    );
    return id;
  }

  async updateItem(m: EntityManager, id: string, item: Record<string, unknown>): Promise<void> {
    const cols: [string, unknown][] = Object.entries({
      label: item.label,
      help: item.help,
      required: item.required,
      role: item.role,
      options: item.options,
      rules: item.rules,
      audience: item.audience,
    })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, k === 'options' || k === 'rules' ? json(v) : v]);
    if (cols.length === 0) return;
    await m.query(`UPDATE checklist_items SET ${cols.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`, [
      id,
      ...cols.map(([, v]) => v),
    ]);
  }

  /** After a rule change, re-derive which recorded values pass the gate (shared satisfiesGate's `mustBe`). */
  async refreshSatisfied(m: EntityManager, itemId: string, mustBe: string | null): Promise<void> {
    await m.query(`UPDATE checklist_values SET satisfied = ($2::text IS NULL OR value = to_jsonb($2::text)) WHERE item_id = $1`, [
      itemId,
      mustBe,
    ]);
  }

  async retireItem(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE checklist_items SET retired_at = COALESCE(retired_at, now()) WHERE id = $1', [id]);
  }

  async reorder(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(
      `UPDATE checklist_items i SET position = u.pos * 1024 FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, pos) WHERE i.id = u.id`,
      [ids],
    );
  }

  departments(): Promise<(Department & { lanes: number; members: number })[]> {
    return this.db.query(
      `SELECT d.key, d.name, (SELECT count(*) FROM lanes l WHERE l.department_key = d.key)::int AS lanes,
              (SELECT count(*) FROM user_departments ud JOIN users u ON u.id = ud.user_id AND u.active WHERE ud.department_key = d.key)::int AS members
         FROM departments d ORDER BY d.name`,
    );
  }

  async department(m: EntityManager, key: string): Promise<(Department & { lanes: number }) | null> {
    const rows = await m.query(
      'SELECT key, name, (SELECT count(*) FROM lanes WHERE department_key = $1)::int AS lanes FROM departments WHERE key = $1 FOR UPDATE',
      [key],
    );
    return rows[0] ?? null;
  }

  async insertDepartment(m: EntityManager, key: string, name: string): Promise<boolean> {
    const rows = await m.query('INSERT INTO departments (key, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key', [key, name]);
    return rows.length > 0;
  }

  async renameDepartment(m: EntityManager, key: string, name: string): Promise<void> {
    await m.query('UPDATE departments SET name = $2 WHERE key = $1', [key, name]);
  }

  async deleteDepartment(m: EntityManager, key: string): Promise<void> {
    await m.query('DELETE FROM user_departments WHERE department_key = $1', [key]);
    await m.query('DELETE FROM departments WHERE key = $1', [key]);
  }
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}
