import { DEMO_PASSWORD } from '@relay/shared';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';

/** A demo person's session token on a running server process (its sign-in must succeed). */
export async function tokenFor(url: string, email: string): Promise<string> {
  const res = await request(url).post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return res.body.token;
}

/** A board socket on a running server process, connected (no reconnection: a test decides what happens next). */
export function connect(url: string, token: string): Promise<Socket> {
  const s = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
