import { DEMO_PASSWORD } from '@relay/shared';
import { io, type Socket } from 'socket.io-client';
import { Team } from '../kit/index.js';

/** Everyone's API client (test/kit) on a running server process: `teamOn(url).as('ops')`. */
export const teamOn = (url: string): Team => new Team(url, DEMO_PASSWORD);

/** A demo person's session token on a running server process (its sign-in must succeed). */
export function tokenFor(url: string, email: string): Promise<string> {
  return teamOn(url).as(email).token();
}

/** A board socket on a running server process, connected (no reconnection: a test decides what happens next). */
export function connect(url: string, token: string): Promise<Socket> {
  const s = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
