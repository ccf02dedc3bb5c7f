import { Module } from '@nestjs/common';
import { AdminRepository } from './admin.repository.js';
import { AuditService } from './audit.service.js';

/** The audit log, below people (UsersModule) and the pipeline's admin (AdminModule), which both record in it. */
@Module({ providers: [AdminRepository, AuditService], exports: [AuditService] })
export class AuditModule {}
