import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '../../common/database.module.js';
import { AdminRepository } from '../admin/admin.repository.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { UsersRepository } from './users.repository.js';

/**
 * Not yet untangled (issue 20, item 3): sign-in, people and the audit log still use each other's
 * repositories (auth ↔ users ↔ admin, and the socket gateway's session check), so those three are shared
 * from here until they are split behind services. The sessions repository caches: one instance for all.
 */
@Global()
@Module({
  imports: [DatabaseModule],
  providers: [SessionsRepository, UsersRepository, AdminRepository],
  exports: [SessionsRepository, UsersRepository, AdminRepository],
})
export class PeopleDataModule {}
