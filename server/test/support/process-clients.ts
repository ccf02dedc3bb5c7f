import { DEMO_PASSWORD } from '@relay/shared';
import { io, type Socket } from 'socket.io-client';
import { Team } from '../kit/index.js';

/** Clients of a running Relay: everyone's API client (test/kit) and sockets. */

/** Everyone's API client (test/kit) on a running server process: `teamOn(url).as('ops')`. */
export const teamOn = (url: string): Team => new Team(url, DEMO_PASSWORD);

/** A demo person's session token on a running server process (its sign-in must succeed). */
export function tokenFor(url: string, email: string): Promise<string> {
  return teamOn(url).as(email).token();
}

export interface SocketOptions {
  /** `/track` for a customer's page; default: the board's. */
  namespace?: string;
  headers?: Record<string, string>;
  /** Its own connection, not multiplexed with this test's other sockets to the same server. */
  forceNew?: boolean;
  /** false: made unconnected, so a test can listen before `connected(s)` connects it. */
  autoConnect?: boolean;
}

/** A socket to Relay (in-process or a server process) that never reconnects: a test decides what happens next. */
export function socketTo(url: string, token: unknown, opts: SocketOptions = {}): Socket {
  return io(`${url}${opts.namespace ?? ''}`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    extraHeaders: opts.headers,
    forceNew: opts.forceNew,
    autoConnect: opts.autoConnect ?? true,
    reconnection: false,
  });
}

/** Resolves with the socket once it is connected (connecting it if need be); rejects with the refusal. */
export function connected(s: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
    if (!s.active) s.connect();
  });
}

/** A board socket on a running server process, connected. */
export const connect = (url: string, token: string): Promise<Socket> => connected(socketTo(url, token));
