import { DEMO_PASSWORD } from '@relay/shared';
import { io, type Socket } from 'socket.io-client';
import type { RelayClient } from '../kit/index.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const STRONG = 'harbour-lantern-42';
/** This server's RELAY_DEMO_PASSWORD: the demo people are seeded with it, and nobody may set it (nor the default). */
const SERVER_DEMO = 'our-own-demo-secret';

describe('password rules and changing a password', () => {
  let t: TestApp;
  let admin: RelayClient;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({ demoPassword: SERVER_DEMO });
    admin = t.team.as('admin', SERVER_DEMO);
    await admin.token();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });
  beforeEach(() => t.db.query('DELETE FROM login_failures'));

  const signIn = async (email: string, password: string) => {
    const res = await t.anonymous.post('/api/auth/login', { email, password });
    return { status: res.status, auth: { Authorization: `Bearer ${res.body.token as string}` }, token: res.body.token as string };
  };
  const me = async (auth: { Authorization: string }) => (await t.anonymous.get('/api/auth/me', { headers: auth })).status;
  /** A connected socket of a session, and what it was told before it closed. */
  const socketOf = async (token: string) => {
    const s = io(t.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
    sockets.push(s);
    const told: unknown[] = [];
    s.on('session.ended', (e: unknown) => told.push(e));
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const closed = new Promise<void>((resolve) => s.once('disconnect', () => resolve()));
    return { s, told, closed };
  };
  const person = async (name: string, email: string, password = STRONG) => {
    const res = await admin.post('/api/users', { name, email, role: 'staff', departments: ['hr'], password });
    expect(res.status).toBe(201);
    return res.body.user.id as string;
  };
  const weak = (res: { status: number; body: { code?: string; message?: string; details?: unknown } }, message: RegExp) => {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('WEAK_PASSWORD');
    expect(res.body.message).toMatch(message);
    expect(res.body.details).toEqual({ fields: [{ field: 'password', message: res.body.message }] });
  };

  it('refuses a weak password an admin sets for a new person, saying why', async () => {
    const create = (password: string) =>
      admin.post('/api/users', { name: 'Wendy Weak', email: 'wendy.weak@relay.test', role: 'staff', departments: [], password });
    weak(await create('eleven-char'), /at least 12 characters/);
    // From the shipped list of the most common passwords, in any letter case.
    weak(await create('qwerty123456'), /most common passwords/);
    weak(await create('LeaveMeAlone'), /most common passwords/);
    weak(await create('1Q2W3E4R5T6Y'), /most common passwords/);
    weak(await create('wendy.weak@relay.test1'), /must not contain the email address/);
    weak(await create('i-am-WENDY-2026'), /must not contain the email address/);
    weak(await create('my-name-is-Weak!'), /must not contain/);
    // The demo people's password, the default and this server's RELAY_DEMO_PASSWORD, can be set by nobody.
    weak(await create(DEMO_PASSWORD), /demo password/);
    weak(await create(SERVER_DEMO), /demo password/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'wendy.weak@relay.test'`))[0].n).toBe(0);
    expect((await create(STRONG)).status).toBe(201);
  });

  it("refuses an admin's weak reset, and a reset ends every session and socket of the person", async () => {
    const id = await person('Rhea Reset', 'rhea@relay.test');
    weak(await admin.patch(`/api/users/${id}`, { password: 'rhea-is-my-name' }), /email address/);
    weak(await admin.patch(`/api/users/${id}`, { password: DEMO_PASSWORD }), /demo password/);
    // A rename and a password together: the new name counts.
    weak(await admin.patch(`/api/users/${id}`, { name: 'Rhea Lantern', password: STRONG }), /the name/);
    const phone = await signIn('rhea@relay.test', STRONG);
    const laptop = await signIn('rhea@relay.test', STRONG);
    const socket = await socketOf(phone.token);
    expect(await me(phone.auth)).toBe(200);
    const reset = await admin.patch(`/api/users/${id}`, { password: 'copper-kettle-lamp-9' });
    expect(reset.status).toBe(200);
    await socket.closed;
    expect(socket.told).toEqual([{ reason: 'password reset' }]);
    expect(await me(phone.auth)).toBe(401);
    expect(await me(laptop.auth)).toBe(401);
    expect((await signIn('rhea@relay.test', STRONG)).status).toBe(401);
    expect((await signIn('rhea@relay.test', 'copper-kettle-lamp-9')).status).toBe(200);
    // Other edits leave the sessions alone.
    const kept = await signIn('rhea@relay.test', 'copper-kettle-lamp-9');
    expect((await admin.patch(`/api/users/${id}`, { name: 'Rhea Renamed' })).status).toBe(200);
    expect(await me(kept.auth)).toBe(200);
  });

  describe('POST /api/auth/password', () => {
    it('changes the password: this session stays, every other session and its sockets end', async () => {
      await person('Cleo Change', 'cleo@relay.test');
      const here = await signIn('cleo@relay.test', STRONG);
      const there = await signIn('cleo@relay.test', STRONG);
      const hereSocket = await socketOf(here.token);
      const thereSocket = await socketOf(there.token);
      const res = await t.anonymous.post(
        '/api/auth/password',
        { current: STRONG, password: 'copper-kettle-lamp-9' },
        { headers: here.auth },
      );
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      await thereSocket.closed;
      expect(thereSocket.told).toEqual([{ reason: 'password changed' }]);
      expect(await me(there.auth)).toBe(401);
      expect(await me(here.auth)).toBe(200);
      expect(hereSocket.s.connected).toBe(true);
      expect(hereSocket.told).toEqual([]);
      expect((await signIn('cleo@relay.test', STRONG)).status).toBe(401);
      expect((await signIn('cleo@relay.test', 'copper-kettle-lamp-9')).status).toBe(200);
    });

    it('answers 401 for a wrong current password, changing nothing, and counts it like a failed sign-in', async () => {
      await person('Wade Wrong', 'wade@relay.test');
      const here = await signIn('wade@relay.test', STRONG);
      const other = await signIn('wade@relay.test', STRONG);
      const wrong = await t.anonymous.post(
        '/api/auth/password',
        { current: 'not-my-password', password: 'copper-kettle-lamp-9' },
        { headers: here.auth },
      );
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(await me(other.auth)).toBe(200);
      expect((await signIn('wade@relay.test', STRONG)).status).toBe(200);
      for (let i = 0; i < 9; i++)
        await t.anonymous.post('/api/auth/password', { current: `guess-${i}`, password: 'copper-kettle-lamp-9' }, { headers: here.auth });
      const locked = await t.anonymous.post(
        '/api/auth/password',
        { current: STRONG, password: 'copper-kettle-lamp-9' },
        { headers: here.auth },
      );
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    });

    it('refuses a weak new password with 400 WEAK_PASSWORD, and the demo password to a demo person', async () => {
      const ops = (await signIn('ops@relay.test', SERVER_DEMO)).auth;
      const change = (password: string) => t.anonymous.post('/api/auth/password', { current: SERVER_DEMO, password }, { headers: ops });
      weak(await change('short-one'), /at least 12/);
      weak(await change(SERVER_DEMO), /demo password/);
      weak(await change(DEMO_PASSWORD), /demo password/);
      weak(await change('Olive-lantern-42'), /the name/);
      weak(await change('123QWEASDZXC'), /common/);
      expect(await me(ops)).toBe(200);
      expect((await signIn('ops@relay.test', SERVER_DEMO)).status).toBe(200);
    });

    it('needs a session and a well-formed body', async () => {
      expect((await t.anonymous.post('/api/auth/password', { current: STRONG, password: STRONG })).status).toBe(401);
      const ops = (await signIn('ops@relay.test', SERVER_DEMO)).auth;
      const missing = await t.anonymous.post('/api/auth/password', { password: STRONG }, { headers: ops });
      expect(missing.status).toBe(400);
      expect(missing.body.details.fields.map((f: { field: string }) => f.field)).toContain('current');
      const extra = await t.anonymous.post('/api/auth/password', { current: SERVER_DEMO, password: STRONG, userId: 'x' }, { headers: ops });
      expect(extra.status).toBe(400);
    });
  });
});
