import { ConfigError, loadConfig } from '../../src/config/config.js';
import { freshDatabase, startTestApp } from '../support/test-app.js';

describe('the first administrator of an empty production database', () => {
  it('is created from RELAY_ADMIN_EMAIL and RELAY_ADMIN_PASSWORD once, and never overwritten', async () => {
    const db = await freshDatabase();
    const admin = { email: 'Boss@Example.com', password: 'first-admin-pass' };
    const first = await startTestApp({ demo: false, admin }, db);
    const login = (password: string) => first.anonymous.post('/api/auth/login', { email: 'boss@example.com', password });
    const res = await login(admin.password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ role: 'admin', email: 'Boss@Example.com' });
    expect((await first.db.query('SELECT count(*)::int AS n FROM users'))[0].n).toBe(1);
    await first.close();

    // A restart with another password (or the same email in other case) changes nothing.
    const again = await startTestApp({ demo: false, admin: { email: 'boss@example.com', password: 'another-password' } }, db);
    expect((await again.db.query('SELECT count(*)::int AS n FROM users'))[0].n).toBe(1);
    expect((await again.http.post('/api/auth/login').send({ email: 'boss@example.com', password: 'another-password' })).status).toBe(401);
    expect((await again.http.post('/api/auth/login').send({ email: 'boss@example.com', password: admin.password })).status).toBe(200);
    await again.close();
  });

  it('refuses to start with half or bad settings, naming the variable', () => {
    const attempt = (env: Record<string, string>) => () => loadConfig(env);
    expect(attempt({ RELAY_ADMIN_PASSWORD: 'long-enough-pass' })).toThrow(
      new ConfigError('RELAY_ADMIN_EMAIL', 'must be set with RELAY_ADMIN_PASSWORD'),
    );
    expect(attempt({ RELAY_ADMIN_EMAIL: 'not-an-email', RELAY_ADMIN_PASSWORD: 'long-enough-pass' })).toThrow(
      /RELAY_ADMIN_EMAIL must be an email/,
    );
    expect(attempt({ RELAY_ADMIN_EMAIL: 'a@b.co' })).toThrow(/RELAY_ADMIN_PASSWORD must be at least 12 characters/);
    expect(attempt({ RELAY_ADMIN_EMAIL: 'a@b.co', RELAY_ADMIN_PASSWORD: 'eleven-char' })).toThrow(
      new ConfigError('RELAY_ADMIN_PASSWORD', 'must be at least 12 characters'),
    );
    // The password rules of every other way of setting one, but the common-password list.
    expect(attempt({ RELAY_ADMIN_EMAIL: 'boss@b.co', RELAY_ADMIN_PASSWORD: 'i-am-the-boss-here' })).toThrow(
      new ConfigError('RELAY_ADMIN_PASSWORD', 'must not contain the email address'),
    );
    expect(attempt({ RELAY_ADMIN_EMAIL: 'a@b.co', RELAY_ADMIN_PASSWORD: 'relay-demo-pass' })).toThrow(
      new ConfigError('RELAY_ADMIN_PASSWORD', 'must not be the demo password'),
    );
    expect(loadConfig({}).admin).toBeNull();
    expect(loadConfig({ RELAY_ADMIN_EMAIL: ' a@b.co ', RELAY_ADMIN_PASSWORD: 'long-enough-pass' }).admin).toEqual({
      email: 'a@b.co',
      password: 'long-enough-pass',
    });
  });
});
