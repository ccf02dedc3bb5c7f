import { jest } from '@jest/globals';
import argon2 from 'argon2';
import { DEMO_PASSWORD } from '@relay/shared';
import { ChangeSignals } from '../../src/common/change-signals.js';
import { argon2Stats } from '../../src/modules/auth/passwords.js';
import { type TestApp, startTestApp, useTestApp } from '../support/test-app.js';

/** Polls `read` until `done` holds of what it answers (failing after 3 s); answers the last reading. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('people and sign-in', () => {
  const t = useTestApp();

  it('signs in a demo person with a token and an httpOnly SameSite cookie', async () => {
    const res = await t.anonymous.post('/api/auth/login', { email: 'ops@relay.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'ops@relay.test', role: 'staff', departments: ['operations'] });
    expect(res.body.user.passwordHash).toBeUndefined();
    const cookie = String(res.cookies);
    expect(cookie).toMatch(/relay_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await t.anonymous.get('/api/auth/me', { headers: { Cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('ops@relay.test');
    const viaBearer = await t.anonymous.get('/api/auth/me', { headers: { Authorization: `Bearer ${res.body.token}` } });
    expect(viaBearer.body.user.id).toBe(res.body.user.id);
  });

  it('hashes passwords with argon2id at 7 MiB, t=5, and upgrades a hash made with other settings at sign-in', async () => {
    const settings = /^\$argon2id\$v=19\$m=7168,p=1,t=5\$/;
    const hashOf = async (email: string) =>
      (await t.db.query('SELECT password_hash AS h FROM users WHERE email = $1', [email]))[0].h as string;
    expect(await hashOf('hr@relay.test')).toMatch(settings);
    // A hash from before: 19 MiB, t=2. The person signs in with it, and it is replaced by one of the same password.
    const before = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await t.db.query(`UPDATE users SET password_hash = $1 WHERE email = 'hr@relay.test'`, [before]);
    const [{ updated_at: editedAt }] = await t.db.query(`SELECT updated_at FROM users WHERE email = 'hr@relay.test'`);
    expect((await t.anonymous.post('/api/auth/login', { email: 'hr@relay.test', password: DEMO_PASSWORD })).status).toBe(200);
    const after = await hashOf('hr@relay.test');
    expect(after).toMatch(settings);
    expect(await argon2.verify(after, DEMO_PASSWORD)).toBe(true);
    expect((await t.db.query(`SELECT updated_at FROM users WHERE email = 'hr@relay.test'`))[0].updated_at).toEqual(editedAt);
    expect((await t.anonymous.post('/api/auth/login', { email: 'hr@relay.test', password: DEMO_PASSWORD })).status).toBe(200);
    expect(await hashOf('hr@relay.test')).toBe(after); // current settings: left as it is
    // A wrong password never touches the hash.
    await t.db.query(`UPDATE users SET password_hash = $1 WHERE email = 'hr@relay.test'`, [before]);
    expect((await t.anonymous.post('/api/auth/login', { email: 'hr@relay.test', password: 'not-the-password' })).status).toBe(401);
    expect(await hashOf('hr@relay.test')).toBe(before);
    await t.db.query(`UPDATE users SET password_hash = $1 WHERE email = 'hr@relay.test'`, [after]);
  });

  it('answers a wrong password or unknown account with the same 401', async () => {
    const wrong = await t.anonymous.post('/api/auth/login', { email: 'cx@relay.test', password: 'nope-nope-nope' });
    const unknown = await t.anonymous.post('/api/auth/login', { email: 'ghost@relay.test', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses malformed login bodies with a 400 naming the problem', async () => {
    const missing = await t.anonymous.post('/api/auth/login', { email: 'ops@relay.test' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.fields.map((f: { field: string }) => f.field)).toContain('password');
    const extra = await t.anonymous.post('/api/auth/login', { email: 'ops@relay.test', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/admin/);
    const badJson = await t.anonymous.post('/api/auth/login', undefined, {
      raw: '{"email":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('VALIDATION_FAILED');
  });

  it('needs a session for the API and ends it on logout', async () => {
    expect((await t.anonymous.get('/api/board')).status).toBe(401);
    const login = await t.anonymous.post('/api/auth/login', { email: 'hr@relay.test', password: DEMO_PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.token}` };
    expect((await t.anonymous.get('/api/board', { headers: auth })).status).toBe(200);
    expect((await t.anonymous.post('/api/auth/logout', undefined, { headers: auth })).status).toBe(204);
    expect((await t.anonymous.get('/api/auth/me', { headers: auth })).status).toBe(401);
  });

  describe('checked sessions trusted for a minute', () => {
    const signIn = async (email: string) =>
      `Bearer ${(await t.anonymous.post('/api/auth/login', { email, password: DEMO_PASSWORD })).body.token as string}`;
    const me = async (auth: string) => {
      const res = await t.anonymous.get('/api/auth/me', { headers: { Authorization: auth } });
      return { status: res.status, user: res.body.user as { role: string; departments: string[] } | undefined };
    };
    beforeAll(() => eventually(async () => t.started.app.get(ChangeSignals).listening, Boolean));

    it('reads a session from the database once, not on every request', async () => {
      const auth = await signIn('supervisor@relay.test');
      const query = jest.spyOn(t.db, 'query');
      try {
        for (let i = 0; i < 3; i++) expect((await me(auth)).status).toBe(200);
        expect(query.mock.calls.filter(([sql]) => String(sql).includes('FROM sessions'))).toHaveLength(1);
      } finally {
        query.mockRestore();
      }
    });

    it('drops them on a change committed anywhere: a role, departments, a session ended', async () => {
      const auth = await signIn('sales@relay.test');
      expect((await me(auth)).user).toMatchObject({ role: 'sales', departments: ['sales'] });
      // As another instance or a database administrator would: straight in SQL.
      await t.db.query(`UPDATE users SET role = 'manager' WHERE email = 'sales@relay.test'`);
      expect(
        (
          await eventually(
            () => me(auth),
            (r) => r.user?.role === 'manager',
          )
        ).user?.role,
      ).toBe('manager');
      await t.db.query(
        `INSERT INTO user_departments (user_id, department_key) SELECT id, 'hr' FROM users WHERE email = 'sales@relay.test'`,
      );
      const widened = await eventually(
        () => me(auth),
        (r) => r.user?.departments.length === 2,
      );
      expect(widened.user?.departments).toEqual(['hr', 'sales']);
      await t.db.query(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'sales@relay.test')`);
      expect(
        (
          await eventually(
            () => me(auth),
            (r) => r.status === 401,
          )
        ).status,
      ).toBe(401);
      await t.db.query(`UPDATE users SET role = 'sales' WHERE email = 'sales@relay.test'`);
      await t.db.query(
        `DELETE FROM user_departments WHERE department_key = 'hr' AND user_id = (SELECT id FROM users WHERE email = 'sales@relay.test')`,
      );
    });

    it('checks again in the database while the change listener is down', async () => {
      const signals = t.started.app.get(ChangeSignals);
      const auth = await signIn('hr@relay.test');
      expect((await me(auth)).status).toBe(200);
      await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'relay-change-listener'`);
      await eventually(
        async () => signals.listening,
        (up) => !up,
      );
      const query = jest.spyOn(t.db, 'query');
      try {
        expect((await me(auth)).status).toBe(200);
        expect((await me(auth)).status).toBe(200);
        expect(query.mock.calls.filter(([sql]) => String(sql).includes('FROM sessions'))).toHaveLength(2);
      } finally {
        query.mockRestore();
      }
      expect(await eventually(async () => signals.listening, Boolean)).toBe(true);
    });
  });

  it('expires a session after 30 idle minutes', async () => {
    const token = (await t.anonymous.post('/api/auth/login', { email: 'cx@relay.test', password: DEMO_PASSWORD })).body.token;
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    expect((await t.anonymous.get('/api/auth/me', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('locks an account after 10 failed attempts in 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await t.anonymous.post('/api/auth/login', { email: 'accounting@relay.test', password: `wrong-${i}` })).status).toBe(401);
    }
    const locked = await t.anonymous.post('/api/auth/login', { email: 'accounting@relay.test', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    // Another account from the same address is not locked by that (the address limit is 50).
    expect((await t.anonymous.post('/api/auth/login', { email: 'sales@relay.test', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('limits one address to 50 failures across accounts', async () => {
    await t.db.query(`DELETE FROM login_failures`);
    await t.anonymous.post('/api/auth/login', { email: 'x0@relay.test', password: 'wrong-password' });
    const [{ address }] = await t.db.query(`SELECT address FROM login_failures`);
    await t.db.query(`INSERT INTO login_failures (email, address) SELECT 'x' || g || '@relay.test', $1 FROM generate_series(1, 49) g`, [
      address,
    ]);
    const res = await t.anonymous.post('/api/auth/login', { email: 'manager@relay.test', password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    await t.db.query(`DELETE FROM login_failures`);
  });

  describe('the limits hold under concurrency, across instances', () => {
    let other: TestApp;
    const RITA = { name: 'Rita Race', email: 'rita@relay.test', role: 'staff', departments: ['hr'], password: 'harbour-lantern-42' };
    beforeAll(async () => {
      // A second instance on the same database: the count lives in PostgreSQL, not in either process.
      other = await startTestApp({}, t.databaseUrl);
      expect((await t.api('admin').post('/api/users', RITA)).status).toBe(201);
    });
    afterAll(async () => {
      await other?.close();
      await t.db.query(`DELETE FROM login_failures`);
    });
    beforeEach(() => t.db.query(`DELETE FROM login_failures`));

    it('checks at most 10 of 200 wrong sign-ins sent at once, and refuses the right password sent among them', async () => {
      const verified = argon2Stats.verifies;
      const attempts = Array.from({ length: 201 }, (_, i) => {
        const app = i % 2 ? other : t;
        const password = i === 120 ? RITA.password : `wrong-guess-${i}`;
        return app.http.post('/api/auth/login').send({ email: RITA.email, password });
      });
      const answers = await Promise.all(attempts);
      const statuses = answers.map((r) => r.status);
      expect(argon2Stats.verifies - verified).toBeLessThanOrEqual(10);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(191);
      expect(answers[120].status).toBe(429);
      expect(answers[120].body.code).toBe('TOO_MANY_ATTEMPTS');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM login_failures WHERE email = $1`, [RITA.email]))[0].n).toBe(10);
    });

    it('does not count successful sign-ins', async () => {
      for (let i = 0; i < 15; i++)
        expect((await (i % 2 ? other : t).http.post('/api/auth/login').send({ email: RITA.email, password: RITA.password })).status).toBe(
          200,
        );
      expect((await t.db.query(`SELECT count(*)::int AS n FROM login_failures`))[0].n).toBe(0);
      for (let i = 0; i < 9; i++) await t.anonymous.post('/api/auth/login', { email: RITA.email, password: `wrong-${i}` });
      expect((await other.http.post('/api/auth/login').send({ email: RITA.email, password: RITA.password })).status).toBe(200);
    });

    it('holds the address limit of 50 for sign-ins at once to many accounts', async () => {
      const answers = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          (i % 2 ? other : t).http.post('/api/auth/login').send({ email: `nobody-${i}@relay.test`, password: 'wrong-password' }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(50);
      expect(statuses.filter((s) => s === 429)).toHaveLength(70);
    });

    it('rate-limits accept-invite by address like sign-in, looking the token up before hashing anything', async () => {
      const hashed = argon2Stats.hashes;
      const verified = argon2Stats.verifies;
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          (i % 2 ? other : t).http
            .post('/api/auth/accept-invite')
            .send({ token: `not-a-token-${i}-${'x'.repeat(30)}`, password: 'harbour-lantern-42' }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(50);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      expect(argon2Stats.hashes - hashed).toBe(0);
      expect(argon2Stats.verifies - verified).toBe(0);
      // The same address's sign-ins share the count.
      const signIn = await t.anonymous.post('/api/auth/login', { email: RITA.email, password: RITA.password });
      expect(signIn.status).toBe(429);
    });
  });

  describe('admin manages people', () => {
    it('creates, edits and deactivates a person, who can then no longer sign in', async () => {
      const admin = t.api('admin');
      const created = await admin.post('/api/users', {
        name: 'Nina New',
        email: 'nina@relay.test',
        role: 'staff',
        departments: ['accounting'],
        password: 'a-long-password',
      });
      expect(created.status).toBe(201);
      const id = created.body.user.id;
      expect((await admin.post('/api/users', { name: 'Dup', email: 'NINA@relay.test', role: 'staff', departments: [] })).body.code).toBe(
        'EMAIL_TAKEN',
      );
      const login = await t.anonymous.post('/api/auth/login', { email: 'nina@relay.test', password: 'a-long-password' });
      expect(login.status).toBe(200);
      expect((await t.anonymous.get('/api/auth/me', { headers: { Authorization: `Bearer ${login.body.token}` } })).body.user.role).toBe(
        'staff',
      );
      const edited = await admin.patch(`/api/users/${id}`, { role: 'supervisor', departments: ['operations'] });
      expect(edited.body).toMatchObject({ role: 'supervisor', departments: ['operations'] });
      // Her own session shows the change at once (this instance drops what it trusted).
      expect((await t.anonymous.get('/api/auth/me', { headers: { Authorization: `Bearer ${login.body.token}` } })).body.user).toMatchObject(
        {
          role: 'supervisor',
          departments: ['operations'],
        },
      );
      expect((await admin.patch(`/api/users/${id}`, { active: false })).status).toBe(200);
      expect((await t.anonymous.get('/api/auth/me', { headers: { Authorization: `Bearer ${login.body.token}` } })).status).toBe(401);
      expect((await t.anonymous.post('/api/auth/login', { email: 'nina@relay.test', password: 'a-long-password' })).status).toBe(401);
    });

    it('refuses user management to non-admins and unknown departments', async () => {
      const res = await t.api('manager').post('/api/users', { name: 'X', email: 'x@relay.test', role: 'staff', departments: [] });
      expect(res.status).toBe(403);
      const bad = await t.api('admin').post('/api/users', { name: 'X', email: 'x@relay.test', role: 'boss', departments: ['nowhere'] });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields[0].field).toBe('role');
    });

    it('keeps the last active admin', async () => {
      const admin = t.api('admin');
      const me = (await admin.get('/api/auth/me')).body.user;
      const res = await admin.patch(`/api/users/${me.id}`, { role: 'staff' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('LAST_ADMIN');
    });
  });

  it('reports app and database health without signing in', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'ok' } });
  });
});
