import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/current-user.js';
import { DatabaseStatus } from '../../common/database-status.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly status: DatabaseStatus) {}

  /** App and database status, for load balancers and `docker compose`. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      return { status: 'ok', app: 'ok', database: { status: 'ok', latencyMs: await this.status.ping() } };
    } catch (err) {
      res.status(503);
      return { status: 'error', app: 'ok', database: { status: 'down', error: err instanceof Error ? err.message : String(err) } };
    }
  }
}
