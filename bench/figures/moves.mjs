/**
 * Move figures over HTTP:
 * - moveP50Ms / moveP99Ms: an open-loop, rate-paced client (node:http keep-alive, one agent per user)
 *   sends moves at a fixed combined rate from 50 users; latency is measured from each move's scheduled
 *   send time to its complete response (so a stalled server cannot hide queueing: no coordinated omission).
 * - movesPerSec: autocannon, 16 connections, closed loop for the duration; every answer must be a 200.
 */
import http from 'node:http';
import autocannon from 'autocannon';
import { sleep } from '../lib/env.mjs';
import { percentile, mean } from '../lib/stats.mjs';
import { postJson, paced, sendJson } from '../lib/movers.mjs';

/** Open-loop latency at `rate` moves/s spread over every user of the pool. */
export async function moveLatency({ url, pool, rate, seconds }) {
  const users = pool.users;
  const agents = users.map(() => new http.Agent({ keepAlive: true, maxSockets: 8 }));
  const queues = users.map((_, u) => pool.ofUser(u));
  const cursor = users.map(() => 0);
  const latencies = [];
  const service = [];
  const lateStarts = [];
  const errors = {};
  let skipped = 0;
  /** The slowest move sent in each second of the run: shows whether a tail is a warm-up, a stall or a queue. */
  const worstBySecond = [];
  const started = performance.now();
  await paced(rate, seconds, async (i, scheduledAt) => {
    const u = i % users.length;
    const cards = queues[u];
    let card = null;
    for (let k = 0; k < cards.length && !card; k++) {
      const c = cards[(cursor[u] + k) % cards.length];
      if (!c.busy) {
        card = c;
        cursor[u] = (cursor[u] + k + 1) % cards.length;
      }
    }
    if (!card) {
      skipped++;
      return;
    }
    card.busy = true;
    const sentAt = performance.now();
    lateStarts.push(sentAt - scheduledAt);
    const res = await postJson(agents[u], url, `/api/cards/${card.id}/move`, users[u].token, pool.moveBody(card));
    card.busy = false;
    if (res.status === 200) {
      pool.applyCard(card, res.body);
      latencies.push(res.at - scheduledAt);
      service.push(res.at - sentAt);
      const second = Math.floor((scheduledAt - started) / 1000);
      worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, res.at - scheduledAt);
    } else {
      const key = `${res.status} ${res.body?.code ?? res.error?.message ?? ''}`.trim();
      errors[key] = (errors[key] ?? 0) + 1;
      pool.applyError(card, res.body);
    }
  });
  const elapsed = (performance.now() - started) / 1000;
  for (const a of agents) a.destroy();
  return {
    moveP50Ms: percentile(latencies, 50),
    moveP99Ms: percentile(latencies, 99),
    extra: {
      ok: latencies.length,
      errors,
      skipped,
      achievedPerSec: latencies.length / elapsed,
      p90Ms: percentile(latencies, 90),
      maxMs: Math.max(...latencies),
      serviceP50Ms: percentile(service, 50),
      serviceP99Ms: percentile(service, 99),
      meanLateStartMs: mean(lateStarts),
      worstBySecondMs: Array.from(worstBySecond, (v) => Math.round(v ?? 0)),
    },
  };
}

/**
 * The floor under the move figures: the same open-loop client, users and rate on a request that does
 * almost nothing (`GET /api/auth/me`, answered from the instance's memory of the session, no database).
 * Run right after the moves, it shows how much of their tail this machine adds to any request.
 */
export async function floorLatency({ url, users, rate, seconds }) {
  const agents = users.map(() => new http.Agent({ keepAlive: true, maxSockets: 8 }));
  const latencies = [];
  let errors = 0;
  await paced(rate, seconds, async (i, scheduledAt) => {
    const u = i % users.length;
    const res = await sendJson(agents[u], url, 'GET', '/api/auth/me', users[u].token);
    if (res.status === 200) latencies.push(res.at - scheduledAt);
    else errors++;
  });
  for (const a of agents) a.destroy();
  return {
    floorP50Ms: percentile(latencies, 50),
    floorP99Ms: errors === 0 ? percentile(latencies, 99) : null,
    extra: { ok: latencies.length, errors, maxMs: Math.max(...latencies) },
  };
}

/** Closed loop with autocannon: `connections` connections, each always one move in flight. */
export async function movesThroughput({ url, pool, connections, seconds }) {
  const free = [...pool.cards].filter((c) => !c.busy);
  const errors = {};
  let ok = 0;
  const instance = autocannon({
    url,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest(req, context) {
          const card = free.shift();
          if (!card) throw new Error('no free card to move');
          card.busy = true;
          context.cardId = card.id;
          return {
            ...req,
            path: `/api/cards/${card.id}/move`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${pool.users[card.owner].token}` },
            body: JSON.stringify(pool.moveBody(card)),
          };
        },
        onResponse(status, body, context) {
          const card = pool.byId.get(context.cardId);
          let json = null;
          try {
            json = body ? JSON.parse(body) : null;
          } catch {
            // not JSON
          }
          if (status === 200) {
            ok++;
            pool.applyCard(card, json);
          } else {
            const key = `${status} ${json?.code ?? ''}`.trim();
            errors[key] = (errors[key] ?? 0) + 1;
            pool.applyError(card, json);
          }
          card.busy = false;
          free.push(card);
        },
      },
    ],
  });
  const result = await instance;
  // autocannon drops the requests in flight when time is up; let the server finish them before anyone syncs versions.
  await sleep(1500);
  const elapsed = (new Date(result.finish) - new Date(result.start)) / 1000;
  const errorCount = result.errors + result.timeouts + result.non2xx;
  return {
    movesPerSec: errorCount === 0 ? result['2xx'] / elapsed : null,
    extra: {
      ok: result['2xx'],
      seconds: elapsed,
      ratePerSecIncludingErrors: result['2xx'] / elapsed,
      errors: { ...errors, connectionErrors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      countedInCallbacks: ok,
    },
  };
}
