import { Module } from '@nestjs/common';
import { ChangeSignals } from './change-signals.js';
import { DatabaseStatus } from './database-status.js';

/** The database beside the connection pool: whether it is reachable, and the change signals (and lease) every cache listens to. */
@Module({ providers: [ChangeSignals, DatabaseStatus], exports: [ChangeSignals, DatabaseStatus] })
export class DatabaseModule {}
