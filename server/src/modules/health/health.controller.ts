import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../common/current-user.js';
import { DatabaseStatus } from '../../common/database-status.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly status: DatabaseStatus,
  ) {}

  /** App and database status, for load balancers and `docker compose`. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const started = Date.now();
    try {
      await this.db.query('SELECT 1');
      this.status.reachable();
      return { status: 'ok', app: 'ok', database: { status: 'ok', latencyMs: Date.now() - started } };
    } catch (err) {
      this.status.check(err);
      res.status(503);
      return { status: 'error', app: 'ok', database: { status: 'down', error: err instanceof Error ? err.message : String(err) } };
    }
  }
}
