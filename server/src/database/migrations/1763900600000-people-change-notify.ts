import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to who someone is — their name, email, role or being active, their departments,
 * a session ending — sends NOTIFY relay_people_changed, whoever makes it: each instance caches signed-in
 * sessions and drops that cache on the signal (SessionsRepository). A session's idle clock (last_seen_at)
 * and a new session are not such changes.
 */
export class PeopleChangeNotify1763900600000 implements MigrationInterface {
  name = 'PeopleChangeNotify1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION relay_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('relay_people_changed', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER users_changed AFTER DELETE OR TRUNCATE OR UPDATE OF name, email, role, active ON users
        FOR EACH STATEMENT EXECUTE FUNCTION relay_people_changed();
      CREATE TRIGGER user_departments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_departments
        FOR EACH STATEMENT EXECUTE FUNCTION relay_people_changed();
      CREATE TRIGGER sessions_ended AFTER DELETE OR TRUNCATE OR UPDATE OF user_id, token_hash, expires_at ON sessions
        FOR EACH STATEMENT EXECUTE FUNCTION relay_people_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER sessions_ended ON sessions;
      DROP TRIGGER user_departments_changed ON user_departments;
      DROP TRIGGER users_changed ON users;
      DROP FUNCTION relay_people_changed();
    `);
  }
}
