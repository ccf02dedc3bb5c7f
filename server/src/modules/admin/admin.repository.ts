import { Injectable } from '@nestjs/common';
import { type AuditEntry, type Department, type ItemValue, satisfiesGate } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { userRef } from '../../common/sql.js';
import { T } from '../../database/schema/index.js';

const { adminAudit: A, lanes: L, checklistItems: I, checklistValues: V, departments: D, userDepartments: UD, users: U } = T;

/** Lanes, checklist templates, departments and the admin audit log. */
@Injectable()
export class AdminRepository {
  constructor(private readonly db: DataSource) {}

  async audit(
    m: EntityManager,
    e: { actorId: string; entity: string; entityId: string; action: string; before: unknown; after: unknown },
  ): Promise<void> {
    await m.insert(A.entity, {
      actorId: e.actorId,
      entity: e.entity,
      entityId: e.entityId,
      action: e.action,
      // jsonb: TypeORM writes JSON.stringify of the value; null (or absent) is SQL NULL.
      before: (e.before ?? null) as never,
      after: (e.after ?? null) as never,
    });
  }

  auditLog(limit: number): Promise<AuditEntry[]> {
    return this.db.query(
      `SELECT a.${A.c.id}::text, ${userRef('u')} AS actor, a.${A.c.at}, a.${A.c.entity}, a.${A.c.entityId} AS "entityId",
              a.${A.c.action}, a.${A.c.before}, a.${A.c.after}
         FROM ${A.table} a LEFT JOIN ${U.table} u ON u.${U.c.id} = a.${A.c.actorId} ORDER BY a.${A.c.at} DESC, a.${A.c.id} DESC LIMIT $1`,
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
    // An absent (or null) field keeps its value; only the customer texts may be cleared (null, or blank).
    const set = definedOnly({
      name: patch.name ?? undefined,
      departmentKey: patch.department ?? undefined,
      timeLimitHours: patch.timeLimitHours?.toString(),
      customerName: patch.customerName === undefined ? undefined : patch.customerName?.trim() || null,
      customerDescription: patch.customerDescription === undefined ? undefined : patch.customerDescription?.trim() || null,
    });
    if (Object.keys(set).length) await m.update(L.entity, { id }, set);
  }

  async insertItem(m: EntityManager, laneId: string, item: Record<string, unknown>): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO ${I.table} (${I.c.laneId}, ${I.c.label}, ${I.c.help}, ${I.c.kind}, ${I.c.required}, ${I.c.role}, ${I.c.options},
              ${I.c.rules}, ${I.c.audience}, ${I.c.position})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
               (SELECT COALESCE(max(${I.c.position}), 0) + 1024 FROM ${I.table} WHERE ${I.c.laneId} = $1)) RETURNING ${I.c.id}`,
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
    const set = definedOnly({
      label: item.label,
      help: item.help,
      required: item.required,
      role: item.role,
      options: item.options,
      rules: item.rules,
      audience: item.audience,
    });
    if (Object.keys(set).length) await m.update(I.entity, { id }, set as never);
  }

  /**
   * After a rule change, judges the item's recorded values again by shared's satisfiesGate (with the item's
   * `mustBe`, the only rule the gate reads), writing only those whose verdict changed; the triggers then
   * recount the cards (functions/relay_recount.sql).
   */
  async refreshSatisfied(m: EntityManager, itemId: string, mustBe: string | null): Promise<void> {
    const rules = mustBe === null ? null : { mustBe };
    const values = await m.find(V.entity, { select: { cardId: true, value: true, satisfied: true }, where: { itemId } });
    const changed = values.filter((v) => satisfiesGate({ rules }, v.value as ItemValue) !== v.satisfied);
    if (changed.length === 0) return;
    await m.query(
      `UPDATE ${V.table} v SET ${V.c.satisfied} = NOT v.${V.c.satisfied}
         FROM unnest($2::uuid[]) AS c(card_id) WHERE v.${V.c.itemId} = $1 AND v.${V.c.cardId} = c.card_id`,
      [itemId, changed.map((v) => v.cardId)],
    );
  }

  async retireItem(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE ${I.table} SET ${I.c.retiredAt} = COALESCE(${I.c.retiredAt}, now()) WHERE ${I.c.id} = $1`, [id]);
  }

  async reorder(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(
      `UPDATE ${I.table} i SET ${I.c.position} = u.pos * 1024 FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, pos) WHERE i.${I.c.id} = u.id`,
      [ids],
    );
  }

  departments(): Promise<(Department & { lanes: number; members: number })[]> {
    return this.db.query(
      `SELECT d.${D.c.key}, d.${D.c.name}, (SELECT count(*) FROM ${L.table} l WHERE l.${L.c.departmentKey} = d.${D.c.key})::int AS lanes,
              (SELECT count(*) FROM ${UD.table} ud JOIN ${U.table} u ON u.${U.c.id} = ud.${UD.c.userId} AND u.${U.c.active}
                WHERE ud.${UD.c.departmentKey} = d.${D.c.key})::int AS members
         FROM ${D.table} d ORDER BY d.${D.c.name}`,
    );
  }

  async department(m: EntityManager, key: string): Promise<(Department & { lanes: number }) | null> {
    const rows = await m.query(
      `SELECT ${D.c.key}, ${D.c.name}, (SELECT count(*) FROM ${L.table} WHERE ${L.c.departmentKey} = $1)::int AS lanes
         FROM ${D.table} WHERE ${D.c.key} = $1 FOR UPDATE`,
      [key],
    );
    return rows[0] ?? null;
  }

  async insertDepartment(m: EntityManager, key: string, name: string): Promise<boolean> {
    const result = await m.createQueryBuilder().insert().into(D.entity).values({ key, name }).orIgnore().returning([D.c.key]).execute();
    return result.raw.length > 0;
  }

  async renameDepartment(m: EntityManager, key: string, name: string): Promise<void> {
    await m.update(D.entity, { key }, { name });
  }

  async deleteDepartment(m: EntityManager, key: string): Promise<void> {
    await m.delete(UD.entity, { departmentKey: key });
    await m.delete(D.entity, { key });
  }
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/** The fields that are not undefined (an UPDATE sets only what a request sends). */
function definedOnly<O extends Record<string, unknown>>(o: O): Partial<O> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<O>;
}
