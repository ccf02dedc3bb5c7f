import { Injectable } from '@nestjs/common';
import { itemShapeErrors, type User } from '@relay/shared';
import { DomainError, assertNoFieldErrors, invalid, notFound } from '../../common/domain-error.js';
import { ChangeWriter, type WriteContext } from '../changes/change-writer.js';
import { SessionsService } from '../auth/sessions.service.js';
import { UsersService } from '../users/users.service.js';
import { AdminRepository } from './admin.repository.js';
import type { CreateDepartmentDto, CreateItemDto, PatchItemDto, PatchLaneDto } from './dto/admin.dto.js';

/**
 * Shapes the pipeline: lanes, checklists and departments. Each change is audited (who, when,
 * before, after) and announced to open boards as `board.changed`, in one transaction.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly repo: AdminRepository,
    private readonly users: UsersService,
    private readonly writer: ChangeWriter,
    private readonly sessions: SessionsService,
  ) {}

  private change<T>(user: User, what: 'lanes' | 'checklist', work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return this.writer.run(user, null, async (ctx) => {
      const result = await work(ctx);
      ctx.emit('board.changed', { what });
      return result;
    });
  }

  patchLane(id: string, dto: PatchLaneDto, user: User) {
    if (Object.values(dto).every((v) => v === undefined))
      throw invalid('body', 'nothing to change: send name, department, timeLimitHours, customerName or customerDescription');
    return this.change(user, 'lanes', async (ctx) => {
      const lane = ctx.config.laneById.get(id);
      if (!lane) throw notFound('lane');
      if (lane.terminal && (dto.department !== undefined || dto.timeLimitHours !== undefined))
        throw invalid('timeLimitHours', `${lane.name} is the end of the pipeline: it has no owner and no time limit`);
      if (dto.department && (await this.users.departmentsExist([dto.department], ctx.m)).length)
        throw invalid('department', `unknown department ${dto.department}`);
      await this.repo.updateLane(ctx.m, id, dto);
      const before = {
        name: lane.name,
        department: lane.department,
        timeLimitHours: lane.timeLimitHours,
        customerName: lane.customerName,
        customerDescription: lane.customerDescription,
      };
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'lane',
        entityId: lane.key,
        action: 'update',
        before,
        after: { ...before, ...dto },
      });
      return { ...lane, ...dto, checklist: undefined };
    });
  }

  addItem(laneId: string, dto: CreateItemDto, user: User) {
    return this.change(user, 'checklist', async (ctx) => {
      const lane = ctx.config.laneById.get(laneId);
      if (!lane) throw notFound('lane');
      if (lane.terminal) throw invalid('laneId', `${lane.name} has no checklist`);
      assertNoFieldErrors(
        itemShapeErrors({
          kind: dto.kind,
          options: dto.options ?? null,
          rules: dto.rules ?? null,
          audience: dto.audience ?? (dto.kind === 'signoff' ? 'customer' : 'team'),
        }),
      );
      if (dto.kind === 'signoff') dto.audience = 'customer';
      const id = await this.repo.insertItem(ctx.m, laneId, { ...dto });
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'checklist_item',
        entityId: id,
        action: 'create',
        before: null,
        after: { lane: lane.key, ...dto },
      });
      return { id, laneId, ...dto, retired: false };
    });
  }

  patchItem(id: string, dto: PatchItemDto, user: User) {
    if (Object.values(dto).every((v) => v === undefined)) throw invalid('body', 'nothing to change: send at least one field');
    return this.change(user, 'checklist', async (ctx) => {
      const item = ctx.config.itemById.get(id);
      if (!item) throw notFound('checklist item');
      if (item.retired) throw new DomainError('ITEM_NOT_IN_LANE', `"${item.label}" is retired`);
      const merged = {
        kind: item.kind,
        options: dto.options !== undefined ? dto.options : (item.options ?? null),
        rules: dto.rules !== undefined ? dto.rules : (item.rules ?? null),
        audience: dto.audience ?? item.audience,
      };
      assertNoFieldErrors(itemShapeErrors(merged));
      await this.repo.updateItem(ctx.m, id, { ...dto });
      if (dto.rules !== undefined) await this.repo.refreshSatisfied(ctx.m, id, merged.rules?.mustBe ?? null);
      const { lane, ...before } = item;
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'checklist_item',
        entityId: id,
        action: 'update',
        before,
        after: { ...before, ...dto },
      });
      return { ...before, ...dto, laneKey: lane.key };
    });
  }

  retireItem(id: string, user: User) {
    return this.change(user, 'checklist', async (ctx) => {
      const item = ctx.config.itemById.get(id);
      if (!item) throw notFound('checklist item');
      await this.repo.retireItem(ctx.m, id);
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'checklist_item',
        entityId: id,
        action: 'retire',
        before: { label: item.label, retired: item.retired },
        after: { label: item.label, retired: true },
      });
    });
  }

  reorder(laneId: string, ids: string[], user: User) {
    return this.change(user, 'checklist', async (ctx) => {
      const lane = ctx.config.laneById.get(laneId);
      if (!lane) throw notFound('lane');
      const current = lane.checklist.filter((i) => !i.retired).map((i) => i.id);
      if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => current.includes(id))) {
        throw invalid('ids', `ids must list each of the lane's ${current.length} active items exactly once`);
      }
      await this.repo.reorder(ctx.m, ids);
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'lane',
        entityId: lane.key,
        action: 'reorder_checklist',
        before: current,
        after: ids,
      });
      return ids;
    });
  }

  departments() {
    return this.repo.departments();
  }

  createDepartment(dto: CreateDepartmentDto, user: User) {
    return this.change(user, 'lanes', async (ctx) => {
      if (!(await this.repo.insertDepartment(ctx.m, dto.key, dto.name)))
        throw new DomainError('VALIDATION_FAILED', `department ${dto.key} already exists`, {
          fields: [{ field: 'key', message: 'key is already in use' }],
        });
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'department',
        entityId: dto.key,
        action: 'create',
        before: null,
        after: dto,
      });
      return dto;
    });
  }

  renameDepartment(key: string, name: string, user: User) {
    return this.change(user, 'lanes', async (ctx) => {
      const before = await this.repo.department(ctx.m, key);
      if (!before) throw notFound('department');
      await this.repo.renameDepartment(ctx.m, key, name);
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'department',
        entityId: key,
        action: 'rename',
        before: { name: before.name },
        after: { name },
      });
      return { key, name };
    });
  }

  async deleteDepartment(key: string, user: User) {
    // Its members' signed-in sessions carry their departments: this instance drops them once it commits.
    const done = await this.change(user, 'lanes', async (ctx) => {
      const dept = await this.repo.department(ctx.m, key);
      if (!dept) throw notFound('department');
      if (dept.lanes > 0)
        throw new DomainError('DEPARTMENT_IN_USE', `${dept.name} owns ${dept.lanes} lane(s): give them to another department first`);
      await this.repo.deleteDepartment(ctx.m, key);
      await this.repo.audit(ctx.m, {
        actorId: user.id,
        entity: 'department',
        entityId: key,
        action: 'delete',
        before: { name: dept.name },
        after: null,
      });
    });
    this.sessions.invalidate();
    return done;
  }

  async auditLog(limit = 100) {
    return (await this.repo.auditLog(limit)).map((a) => ({ ...a, at: new Date(a.at).toISOString() }));
  }
}
