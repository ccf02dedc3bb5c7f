import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { User } from '@relay/shared';
import { CurrentUser, Roles } from '../../common/current-user.js';
import { UuidPipe } from '../../common/validation.js';
import { AdminService } from './admin.service.js';
import {
  AuditQuery,
  CreateDepartmentDto,
  CreateItemDto,
  PatchDepartmentDto,
  PatchItemDto,
  PatchLaneDto,
  ReorderDto,
} from './dto/admin.dto.js';

@ApiTags('admin')
@Controller()
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Patch('lanes/:id')
  @Roles('admin')
  patchLane(@Param('id', UuidPipe) id: string, @Body() dto: PatchLaneDto, @CurrentUser() user: User) {
    return this.admin.patchLane(id, dto, user);
  }

  @Post('lanes/:id/checklist')
  @Roles('admin')
  addItem(@Param('id', UuidPipe) id: string, @Body() dto: CreateItemDto, @CurrentUser() user: User) {
    return this.admin.addItem(id, dto, user);
  }

  @Put('lanes/:id/checklist/order')
  @Roles('admin')
  reorder(@Param('id', UuidPipe) id: string, @Body() dto: ReorderDto, @CurrentUser() user: User) {
    return this.admin.reorder(id, dto.ids, user);
  }

  @Patch('checklist-items/:id')
  @Roles('admin')
  patchItem(@Param('id', UuidPipe) id: string, @Body() dto: PatchItemDto, @CurrentUser() user: User) {
    return this.admin.patchItem(id, dto, user);
  }

  /** Retires the item: cards keep the values already recorded. */
  @Delete('checklist-items/:id')
  @HttpCode(204)
  @Roles('admin')
  retireItem(@Param('id', UuidPipe) id: string, @CurrentUser() user: User) {
    return this.admin.retireItem(id, user);
  }

  @Get('departments')
  departments() {
    return this.admin.departments();
  }

  @Post('departments')
  @Roles('admin')
  createDepartment(@Body() dto: CreateDepartmentDto, @CurrentUser() user: User) {
    return this.admin.createDepartment(dto, user);
  }

  @Patch('departments/:key')
  @Roles('admin')
  renameDepartment(@Param('key') key: string, @Body() dto: PatchDepartmentDto, @CurrentUser() user: User) {
    return this.admin.renameDepartment(key, dto.name, user);
  }

  @Delete('departments/:key')
  @HttpCode(204)
  @Roles('admin')
  deleteDepartment(@Param('key') key: string, @CurrentUser() user: User) {
    return this.admin.deleteDepartment(key, user);
  }

  @Get('admin/audit')
  @Roles('admin')
  audit(@Query() q: AuditQuery) {
    return this.admin.auditLog(q.limit);
  }
}
