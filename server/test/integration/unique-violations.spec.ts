import { createCard, userId } from '../factories/cards.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

/**
 * A unique violation answers with the code of what was duplicated (HttpErrorFilter, by constraint name). The
 * request that "got there first" is played by a trigger of this test's database, which writes the same row
 * just before the request's own insert: the race, made certain.
 */
describe('unique violations map to their real codes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ stuckScanSeconds: 0 });
  });
  afterAll(() => t.close());

  /** Makes every insert into `table` meet a row with the same key, written first by "another request". */
  async function raceOn(table: string, firstInsert: string): Promise<() => Promise<void>> {
    await t.db.query(`
      CREATE FUNCTION test_race_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() = 1 THEN ${firstInsert}; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_race_${table} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_race_${table}();`);
    return () => t.db.query(`DROP TRIGGER test_race_${table} ON ${table}; DROP FUNCTION test_race_${table}();`);
  }

  it('a person created with an address another request took meanwhile: 409 EMAIL_TAKEN', async () => {
    const done = await raceOn('users', `INSERT INTO users (name, email, role) VALUES ('First', upper(NEW.email), 'staff')`);
    try {
      const res = await t.http
        .post('/api/users')
        .set(await t.as('admin'))
        .send({ name: 'Second', email: 'twice@relay.test', role: 'staff', departments: [] });
      expect([res.status, res.body.code]).toEqual([409, 'EMAIL_TAKEN']);
    } finally {
      await done();
    }
  });

  it("a person's departments changed by two requests at once: 409 VERSION_CONFLICT for the later one", async () => {
    const id = await userId(t, 'ops');
    const done = await raceOn('user_departments', `INSERT INTO user_departments VALUES (NEW.user_id, NEW.department_key)`);
    try {
      const res = await t.http
        .patch(`/api/users/${id}`)
        .set(await t.as('admin'))
        .send({ departments: ['hr'] });
      expect([res.status, res.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    } finally {
      await done();
    }
  });

  it('a constraint without a meaning of its own: 409 CONFLICT, without the database’s words', async () => {
    const card = await createCard(t);
    await t.db.query('CREATE UNIQUE INDEX test_comments_body_key ON comments (body)');
    try {
      const post = async () =>
        t.http
          .post(`/api/cards/${card.id}/comments`)
          .set(await t.as('ops'))
          .send({ body: 'Said once' });
      expect((await post()).status).toBe(201);
      const again = await post();
      expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
      expect(JSON.stringify(again.body)).not.toMatch(/test_comments_body_key|comments|duplicate key/);
    } finally {
      await t.db.query('DROP INDEX test_comments_body_key');
    }
  });
});
