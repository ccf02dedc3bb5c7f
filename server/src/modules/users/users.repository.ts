import { Injectable } from '@nestjs/common';
import type { Role, User } from '@relay/shared';
import { DataSource, type EntityManager } from 'typeorm';

const USER_COLUMNS = `u.id, u.name, u.email, u.role, u.active,
  COALESCE((SELECT array_agg(d.department_key ORDER BY d.department_key) FROM user_departments d WHERE d.user_id = u.id), '{}') AS departments`;

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
      `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM users u WHERE lower(u.email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async findById(id: string, m: EntityManager = this.db.manager): Promise<UserRow | null> {
    const rows = await m.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(filter: UserFilter): Promise<UserRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!filter.includeInactive) where.push('u.active');
    if (filter.role) where.push(`u.role = $${params.push(filter.role)}`);
    if (filter.department)
      where.push(
        `EXISTS (SELECT 1 FROM user_departments d WHERE d.user_id = u.id AND d.department_key = $${params.push(filter.department)})`,
      );
    if (filter.q) where.push(`(u.name ILIKE $${params.push(`%${filter.q}%`)} OR u.email ILIKE $${params.length})`);
    return this.db.query(
      `SELECT ${USER_COLUMNS} FROM users u ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.name LIMIT 500`,
      params,
    );
  }

  /** Roles of active users by id, for checking person-picker values. */
  async activeRoles(ids: string[], m: EntityManager = this.db.manager): Promise<Map<string, Role>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; role: Role }[] = await m.query('SELECT id, role FROM users WHERE id = ANY($1::uuid[]) AND active', [ids]);
    return new Map(rows.map((r) => [r.id, r.role]));
  }

  /** Active people whose email name matches one of the @handles. */
  async mentioned(m: EntityManager, handles: string[]): Promise<string[]> {
    if (handles.length === 0) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE active AND lower(split_part(email, '@', 1)) = ANY($1::text[])`,
      [handles],
    );
    return rows.map((r) => r.id);
  }

  async insert(
    m: EntityManager,
    u: { name: string; email: string; role: Role; passwordHash: string | null; departments: string[] },
  ): Promise<string> {
    const [{ id }] = await m.query('INSERT INTO users (name, email, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id', [
      u.name,
      u.email,
      u.role,
      u.passwordHash,
    ]);
    await this.setDepartments(m, id, u.departments);
    return id;
  }

  async update(
    m: EntityManager,
    id: string,
    patch: { name?: string; role?: Role; active?: boolean; passwordHash?: string },
  ): Promise<void> {
    await m.query(
      `UPDATE users SET name = COALESCE($2, name), role = COALESCE($3, role), active = COALESCE($4, active),
         password_hash = COALESCE($5, password_hash), updated_at = now() WHERE id = $1`,
      [id, patch.name ?? null, patch.role ?? null, patch.active ?? null, patch.passwordHash ?? null],
    );
  }

  /** Replaces a password hash with one of the same password (new settings): not an edit of the person. */
  async setPasswordHash(id: string, hash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, hash]);
  }

  async setDepartments(m: EntityManager, id: string, departments: string[]): Promise<void> {
    await m.query('DELETE FROM user_departments WHERE user_id = $1', [id]);
    if (departments.length) {
      await m.query('INSERT INTO user_departments (user_id, department_key) SELECT $1, unnest($2::text[])', [id, departments]);
    }
  }

  async countActiveAdmins(m: EntityManager): Promise<number> {
    // Locks the admin rows so two concurrent demotions cannot both see "another admin remains".
    const rows = await m.query(`SELECT id FROM users WHERE role = 'admin' AND active FOR UPDATE`);
    return rows.length;
  }

  async departmentsExist(keys: string[], m: EntityManager = this.db.manager): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows: { key: string }[] = await m.query('SELECT key FROM departments WHERE key = ANY($1::text[])', [keys]);
    const found = new Set(rows.map((r) => r.key));
    return keys.filter((k) => !found.has(k));
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
