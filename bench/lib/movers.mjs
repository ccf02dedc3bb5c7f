/**
 * The cards the load moves: each belongs to one signed-in user, has a home lane whose gate it passes,
 * and alternates forward to the next lane and back home (with a reason). Versions are tracked from
 * the responses, so no move ever conflicts with another (each card has at most one move in flight).
 */
import http from 'node:http';
import { moverStates } from './seed.mjs';

export const BACK_REASON = 'Bench: sent back to repeat the handoff';

export class MoverPool {
  /** cards: [{id, homeKey, nextKey}], owners: index of the owning user for each card. */
  constructor(cards, users) {
    this.users = users;
    this.cards = cards.map((c) => ({ ...c, version: null, laneKey: null, busy: false }));
    this.byId = new Map(this.cards.map((c) => [c.id, c]));
  }

  /** Reloads every card's lane and version from the database. */
  async sync(db) {
    const states = await moverStates(
      db,
      this.cards.map((c) => c.id),
    );
    for (const c of this.cards) {
      const s = states.get(c.id);
      c.version = s.version;
      c.laneKey = s.laneKey;
      c.busy = false;
    }
  }

  /** The body of this card's next move: forward when home, else back home with a reason. */
  moveBody(c) {
    return c.laneKey === c.homeKey
      ? { toLane: c.nextKey, version: c.version }
      : { toLane: c.homeKey, version: c.version, reason: BACK_REASON };
  }

  /** Applies a 200 response's card (its lane and version). */
  applyCard(c, card) {
    c.version = card.version;
    c.laneKey = card.laneKey;
  }

  /** After an error: take the current card from a VERSION_CONFLICT, else leave it to the next sync. */
  applyError(c, body) {
    const card = body?.details?.card;
    if (card) this.applyCard(c, card);
  }

  /** Cards of one user, in a fixed order. */
  ofUser(userIndex) {
    return this.cards.filter((c) => c.owner === userIndex);
  }
}

/** A minimal keep-alive JSON POST with node:http (one agent per simulated user). */
export function postJson(agent, base, path, token, body) {
  return sendJson(agent, base, 'POST', path, token, body);
}

/** The same for any method; `body` undefined sends none. */
export function sendJson(agent, base, method, path, token, body) {
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const url = new URL(base);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            // leave null
          }
          resolve({ status: res.statusCode, body: json, at: performance.now() });
        });
        res.on('error', (error) => resolve({ status: 0, error, at: performance.now() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error, at: performance.now() }));
    req.end(payload ?? undefined);
  });
}

/** Runs `fire(i, scheduledAt)` at `rate` per second for `seconds` (open loop: never waits for answers). */
export async function paced(rate, seconds, fire) {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const t0 = performance.now() + 5;
  const pending = [];
  let i = 0;
  while (i < total) {
    const now = performance.now();
    while (i < total && t0 + i * interval <= now) {
      pending.push(fire(i, t0 + i * interval));
      i++;
    }
    if (i < total) await new Promise((r) => setTimeout(r, Math.max(0, t0 + i * interval - performance.now())));
  }
  return Promise.all(pending);
}
