import { Inject, Injectable } from '@nestjs/common';
import type { RelayConfig } from '../../config/config.js';
import { RELAY_CONFIG } from '../../config/config.module.js';
import type { Role, User } from '@relay/shared';
import type { EntityManager } from 'typeorm';
import { DomainError, invalid, notFound } from '../../common/domain-error.js';
import { assertStrongPassword } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { AuditService } from '../admin/audit.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/users.dto.js';
import { UsersRepository } from './users.repository.js';

const emailTaken = (email: string) => new DomainError('EMAIL_TAKEN', `email ${email} is already in use`);

const UPDATABLE = ['name', 'role', 'departments', 'active', 'password'] as const;

/** How long an invitation link works. */
import { INVITE_HOURS } from '@relay/shared';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly hub: RealtimeHub,
    private readonly audit: AuditService,
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
  ) {}

  /** Roles of active people by id (checking person-picker values and assignees). */
  activeRoles(ids: string[], m?: EntityManager): Promise<Map<string, Role>> {
    return this.users.activeRoles(ids, m);
  }

  /** Active people whose email name matches one of the @handles. */
  mentioned(m: EntityManager, handles: string[]): Promise<string[]> {
    return this.users.mentioned(m, handles);
  }

  /** The person with a sign-in email (case-insensitive), with their password hash, or null. */
  findByEmailWithHash(email: string) {
    return this.users.findByEmailWithHash(email);
  }

  findById(id: string) {
    return this.users.findById(id);
  }

  setPasswordHash(id: string, hash: string): Promise<void> {
    return this.users.setPasswordHash(id, hash);
  }

  /**
   * Sets a first password (its `hash`) for whoever `claim` answers (an invitation used inside this transaction),
   * or nothing when it answers null. Answers the person's id.
   */
  setFirstPassword(hash: string, claim: (m: EntityManager) => Promise<string | null>): Promise<string | null> {
    return this.users.transaction(async (m) => {
      const id = await claim(m);
      if (id) await this.users.update(m, id, { passwordHash: hash });
      return id;
    });
  }

  /** Which of these department keys exist. */
  departmentsExist(keys: string[], m?: EntityManager): Promise<string[]> {
    return this.users.departmentsExist(keys, m);
  }

  list(query: ListUsersQuery, includeInactive = false) {
    return this.users.list({ ...query, includeInactive });
  }

  async create(dto: CreateUserDto, actor: User): Promise<{ user: User; inviteUrl?: string }> {
    if (await this.users.findByEmailWithHash(dto.email)) throw emailTaken(dto.email);
    const unknown = await this.users.departmentsExist(dto.departments);
    if (unknown.length) throw invalid('departments', `unknown department ${unknown.join(', ')}`);
    if (dto.password !== undefined)
      await assertStrongPassword(dto.password, { email: dto.email, name: dto.name, demoPassword: this.config.demoPassword });
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    // The check above is only a courtesy: of two requests for one address, the unique index decides (its
    // violation is answered EMAIL_TAKEN by HttpErrorFilter).
    const { id, invite } = await this.users.transaction(async (m) => {
      const userId = await this.users.insert(m, { ...dto, email: dto.email.trim(), passwordHash });
      const { password: _password, ...shown } = dto;
      await this.audit.record(m, { actorId: actor.id, entity: 'user', entityId: userId, action: 'create', before: null, after: shown });
      // Without a password the person gets a one-time link to set their own.
      return { id: userId, invite: dto.password ? null : await this.sessions.createInvite(m, userId, INVITE_HOURS) };
    });
    const user = (await this.users.findById(id))!;
    return invite ? { user, inviteUrl: `${this.config.publicUrl}/?invite=${invite}` } : { user };
  }

  async update(id: string, dto: UpdateUserDto, actor: User): Promise<User> {
    if (UPDATABLE.every((k) => dto[k] === undefined || dto[k] === null)) {
      throw invalid('body', `nothing to change: send at least one of ${UPDATABLE.join(', ')}`);
    }
    if (dto.departments) {
      const unknown = await this.users.departmentsExist(dto.departments);
      if (unknown.length) throw invalid('departments', `unknown department ${unknown.join(', ')}`);
    }
    if (dto.password !== undefined && dto.password !== null) {
      const person = await this.users.findById(id);
      if (!person) throw notFound('user');
      await assertStrongPassword(dto.password, {
        email: person.email,
        name: dto.name ?? person.name,
        demoPassword: this.config.demoPassword,
      });
    }
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    const endsSessions = await this.users.transaction(async (m) => {
      const before = await this.users.findById(id, m);
      if (!before) throw notFound('user');
      const losesAdmin =
        before.role === 'admin' && before.active && ((dto.role !== undefined && dto.role !== 'admin') || dto.active === false);
      if (losesAdmin && (await this.users.countActiveAdmins(m)) <= 1) {
        throw new DomainError('LAST_ADMIN', 'Relay needs at least one active admin: make someone else admin first');
      }
      await this.users.update(m, id, { name: dto.name, role: dto.role, active: dto.active, passwordHash });
      if (dto.departments) await this.users.setDepartments(m, id, dto.departments);
      const { password, ...changes } = dto;
      const after = { ...changes, ...(password ? { password: 'changed' } : {}) };
      const was = Object.fromEntries(
        Object.keys(after).map((k) => [k, k === 'password' ? null : (before as unknown as Record<string, unknown>)[k]]),
      );
      await this.audit.record(m, { actorId: actor.id, entity: 'user', entityId: id, action: 'update', before: was, after });
      if (before.active && dto.active === false) return 'deactivated';
      return passwordHash ? 'password reset' : null;
    });
    // Signed-in sessions carry the person's role and departments: this instance drops them at once.
    this.sessions.invalidate();
    // Deactivated, or a password reset by an admin (the old one may be known to someone else): every session ends.
    if (endsSessions) {
      await this.sessions.revokeAllFor(id);
      await this.hub.endUserSessions(id, endsSessions);
    }
    return (await this.users.findById(id))!;
  }
}
