import { Injectable } from '@nestjs/common';
import type { Role, User } from '@relay/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { T } from '../../database/schema/index.js';

const { users: U, userDepartments: UD, departments: D } = T;

const USER_COLUMNS = `u.${U.c.id}, u.${U.c.name}, u.${U.c.email}, u.${U.c.role}, u.${U.c.active},
  COALESCE((SELECT array_agg(d.${UD.c.departmentKey} ORDER BY d.${UD.c.departmentKey}) FROM ${UD.table} d
             WHERE d.${UD.c.userId} = u.${U.c.id}), '{}') AS departments`;

interface UserRow extends User {
  active: boolean;
}

export interface UserFilter {
  role?: Role;
  department?: string;
  q?: string;
  includeInactive?: boolean;
}

/** The only place that reads and writes people. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async findByEmailWithHash(email: string): Promise<(UserRow & { passwordHash: string | null }) | null> {
    const rows = await this.db.query(
      `SELECT ${USER_COLUMNS}, u.${U.c.passwordHash} AS "passwordHash" FROM ${U.table} u WHERE lower(u.${U.c.email}) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async findById(id: string, m: EntityManager = this.db.manager): Promise<UserRow | null> {
    const rows = await m.query(`SELECT ${USER_COLUMNS} FROM ${U.table} u WHERE u.${U.c.id} = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(filter: UserFilter): Promise<UserRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!filter.includeInactive) where.push(`u.${U.c.active}`);
    if (filter.role) where.push(`u.${U.c.role} = $${params.push(filter.role)}`);
    if (filter.department)
      where.push(
        `EXISTS (SELECT 1 FROM ${UD.table} d WHERE d.${UD.c.userId} = u.${U.c.id} AND d.${UD.c.departmentKey} = $${params.push(filter.department)})`,
      );
    if (filter.q) where.push(`(u.${U.c.name} ILIKE $${params.push(`%${filter.q}%`)} OR u.${U.c.email} ILIKE $${params.length})`);
    return this.db.query(
      `SELECT ${USER_COLUMNS} FROM ${U.table} u ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.${U.c.name} LIMIT 500`,
      params,
    );
  }

  /** Roles of active users by id, for checking person-picker values. */
  async activeRoles(ids: string[], m: EntityManager = this.db.manager): Promise<Map<string, Role>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; role: Role }[] = await m.query(
      `SELECT ${U.c.id} AS id, ${U.c.role} AS role FROM ${U.table} WHERE ${U.c.id} = ANY($1::uuid[]) AND ${U.c.active}`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.role]));
  }

  /** Active people whose email name matches one of the @handles. */
  async mentioned(m: EntityManager, handles: string[]): Promise<string[]> {
    if (handles.length === 0) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT ${U.c.id} AS id FROM ${U.table} WHERE ${U.c.active} AND lower(split_part(${U.c.email}, '@', 1)) = ANY($1::text[])`,
      [handles],
    );
    return rows.map((r) => r.id);
  }

  async insert(
    m: EntityManager,
    u: { name: string; email: string; role: Role; passwordHash: string | null; departments: string[] },
  ): Promise<string> {
    const { identifiers } = await m.insert(U.entity, { name: u.name, email: u.email, role: u.role, passwordHash: u.passwordHash });
    const id = identifiers[0].id as string;
    await this.setDepartments(m, id, u.departments);
    return id;
  }

  async update(
    m: EntityManager,
    id: string,
    patch: { name?: string; role?: Role; active?: boolean; passwordHash?: string },
  ): Promise<void> {
    // Hand-written: every column is in the SET list (COALESCE keeps what is absent), so each edit of a person
    // fires the people-changed signal (database/functions/relay_people_changed.sql, UPDATE OF name, role, active).
    await m.query(
      `UPDATE ${U.table} SET ${U.c.name} = COALESCE($2, ${U.c.name}), ${U.c.role} = COALESCE($3, ${U.c.role}),
         ${U.c.active} = COALESCE($4, ${U.c.active}), ${U.c.passwordHash} = COALESCE($5, ${U.c.passwordHash}), ${U.c.updatedAt} = now()
       WHERE ${U.c.id} = $1`,
      [id, patch.name ?? null, patch.role ?? null, patch.active ?? null, patch.passwordHash ?? null],
    );
  }

  /** Replaces a password hash with one of the same password (new settings): not an edit of the person. */
  async setPasswordHash(id: string, hash: string): Promise<void> {
    await this.db.manager.update(U.entity, { id }, { passwordHash: hash });
  }

  async setDepartments(m: EntityManager, id: string, departments: string[]): Promise<void> {
    await m.delete(UD.entity, { userId: id });
    if (departments.length)
      await m.insert(
        UD.entity,
        departments.map((departmentKey) => ({ userId: id, departmentKey })),
      );
  }

  async countActiveAdmins(m: EntityManager): Promise<number> {
    // Locks the admin rows so two concurrent demotions cannot both see "another admin remains".
    const rows = await m.find(U.entity, {
      select: { id: true },
      where: { role: 'admin', active: true },
      lock: { mode: 'pessimistic_write' },
    });
    return rows.length;
  }

  async departmentsExist(keys: string[], m: EntityManager = this.db.manager): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await m.find(D.entity, { select: { key: true }, where: { key: In(keys) } });
    const found = new Set(rows.map((r) => r.key));
    return keys.filter((k) => !found.has(k));
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
