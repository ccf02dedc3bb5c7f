import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/current-user.js';
import { UuidPipe } from '../../common/validation.js';
import type { User } from '@relay/shared';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** People to pick from (assignee, supervisor); admins also see deactivated people. */
  @Get()
  list(@Query() query: ListUsersQuery, @CurrentUser() me: User) {
    return this.users.list(query, me.role === 'admin');
  }

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateUserDto, @CurrentUser() me: User) {
    return this.users.create(dto, me);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto, @CurrentUser() me: User) {
    return this.users.update(id, dto, me);
  }
}
