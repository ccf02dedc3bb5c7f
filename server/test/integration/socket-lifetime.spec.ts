import { DEMO_PASSWORD } from '@relay/shared';
import { io, type Socket } from 'socket.io-client';
import { SessionPurge } from '../../src/modules/auth/session-purge.js';
import { MAX_SOCKETS_PER_SESSION, RealtimeGateway } from '../../src/modules/realtime/realtime.gateway.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/** A socket and what became of it: the reason it was told its session ended, and whether it was closed. */
interface Watched {
  socket: Socket;
  ended: string[];
  closed: () => boolean;
}

describe('a socket lives no longer than its session', () => {
  let t: TestApp;
  const opened: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of opened) s.disconnect();
    await t.close();
  });

  /** A fresh session of its own (not the shared cached token), so each test can expire it freely. */
  const signIn = async (who: string) => {
    const res = await t.anonymous.post('/api/auth/login', { email: `${who}@relay.test`, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const token: string = res.body.token;
    const [{ id }] = await t.db.query(`SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, last_seen_at DESC LIMIT 1`, [
      res.body.user.id,
    ]);
    return { token, sessionId: id as string };
  };

  const connect = (token: string): Promise<Watched | Error> => {
    const socket = io(t.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
    opened.push(socket);
    const ended: string[] = [];
    let closed = false;
    socket.on('session.ended', (e: { reason: string }) => ended.push(e.reason));
    socket.on('disconnect', () => (closed = true));
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ socket, ended, closed: () => closed }));
      socket.once('connect_error', (err) => resolve(err));
    });
  };
  const connected = async (token: string): Promise<Watched> => {
    const w = await connect(token);
    if (w instanceof Error) throw w;
    return w;
  };
  const sweep = () => t.started.app.get(RealtimeGateway).sweepSessions();

  it('closes the sockets of a session that went idle (no HTTP request for SESSION_IDLE_MINUTES), and only those', async () => {
    const idle = await signIn('cx');
    const busy = await signIn('cx');
    const [a, b, other] = [await connected(idle.token), await connected(idle.token), await connected(busy.token)];
    expect(await sweep()).toBe(0);
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [idle.sessionId]);
    expect(await sweep()).toBe(2);
    await until(() => a.closed() && b.closed());
    expect(a.ended).toEqual(['session expired']);
    expect(b.ended).toEqual(['session expired']);
    expect(other.closed()).toBe(false);
    expect(other.socket.connected).toBe(true);
    other.socket.disconnect();
  });

  it('closes the sockets of sessions the periodic purge removed', async () => {
    const expired = await signIn('hr');
    const w = await connected(expired.token);
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.sessionId]);
    await t.db.query(`INSERT INTO login_failures (email, address, at) VALUES ('old@relay.test', '10.9.9.9', now() - interval '2 days')`);
    await t.started.app.get(SessionPurge).run();
    expect((await t.db.query('SELECT count(*)::int AS n FROM sessions WHERE id = $1', [expired.sessionId]))[0].n).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM login_failures WHERE email = 'old@relay.test'`))[0].n).toBe(0);
    expect(await sweep()).toBe(1);
    await until(() => w.closed());
    expect(w.ended).toEqual(['session expired']);
  });

  it('closes a socket at its session’s absolute expiry, without waiting for a sweep', async () => {
    const short = await signIn('accounting');
    await t.db.query(`UPDATE sessions SET expires_at = now() + interval '1 second' WHERE id = $1`, [short.sessionId]);
    const w = await connected(short.token);
    expect(w.closed()).toBe(false);
    await until(() => w.closed(), 5_000);
    expect(w.ended).toEqual(['session expired']);
  });

  it(`refuses a socket beyond ${MAX_SOCKETS_PER_SESSION} for one session on one instance, clearly, and accepts one again after a close`, async () => {
    const session = await signIn('ops');
    const sockets: Watched[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_SESSION; i++) sockets.push(await connected(session.token));
    const refused = await connect(session.token);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe('TOO_MANY_CONNECTIONS');
    // Another session of the same person is not affected.
    const other = await signIn('ops');
    (await connected(other.token)).socket.disconnect();
    // Once one closes (the server sees it a moment later), the session may open one again.
    sockets[0].socket.disconnect();
    let again: Watched | Error = new Error('not tried');
    for (let tries = 0; tries < 50 && again instanceof Error; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      again = await connect(session.token);
    }
    expect(again).not.toBeInstanceOf(Error);
    for (const s of sockets) s.socket.disconnect();
  });
});
