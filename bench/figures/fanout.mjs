/**
 * fanoutP50Ms / fanoutP99Ms / fanoutDelivered, and serverRssMb.
 * `clients` socket.io clients (websocket transport, token auth, spread over worker threads) stay
 * connected; one move every `intervalMs` for `seconds`. For each move and each client: the time from
 * the move's HTTP response (as the mover saw it) to that client's `card.moved` handler running, or 0
 * when the event was there first: Relay starts publishing at commit and answers the mover without
 * waiting for it, so event and response race (the events' share first is `extra.beforeResponse`;
 * `extra.fromRequest*` time from the request instead).
 */
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { rssMb, sleep } from '../lib/env.mjs';
import { percentile } from '../lib/stats.mjs';
import { paced, postJson } from '../lib/movers.mjs';

function ask(worker, msg, reply, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not answer ${msg.cmd} in ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m) => {
      if (m.cmd === reply || m.cmd === 'error') {
        clearTimeout(timer);
        worker.off('message', onMessage);
        if (m.cmd === 'error') reject(new Error(m.message));
        else resolve(m);
      }
    };
    worker.on('message', onMessage);
    worker.postMessage(msg);
  });
}

/** Connects the clients once; returns a handle to run rounds on and close. */
export async function connectClients({ url, tokens, clients, threads = 2 }) {
  const workers = [];
  for (let t = 0; t < threads; t++) {
    const count = Math.floor(clients / threads) + (t < clients % threads ? 1 : 0);
    const mine = tokens.filter((_, i) => i % threads === t);
    workers.push(new Worker(new URL('./fanout-worker.mjs', import.meta.url), { workerData: { url, tokens: mine, count, batch: 25 } }));
  }
  const counts = await Promise.all(workers.map((w) => ask(w, { cmd: 'connect' }, 'connected')));
  const connected = counts.reduce((a, c) => a + c.count, 0);
  return {
    connected,
    workers,
    async close() {
      await Promise.all(workers.map((w) => ask(w, { cmd: 'close' }, 'closed').catch(() => undefined)));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export async function fanout({ url, pool, handle, serverPid, intervalMs, seconds }) {
  const { workers, connected } = handle;
  await Promise.all(workers.map((w) => ask(w, { cmd: 'record' }, 'recording')));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const responses = new Map();
  const errors = {};
  const rss = [];
  const sampler = setInterval(() => rss.push(rssMb(serverPid)), 250);
  const cards = pool.cards.filter((c) => !c.busy);
  await paced(1000 / intervalMs, seconds, async (i) => {
    const card = cards[i % cards.length];
    const user = pool.users[card.owner];
    card.busy = true;
    const sentAt = performance.timeOrigin + performance.now();
    const res = await postJson(agent, url, `/api/cards/${card.id}/move`, user.token, pool.moveBody(card));
    const at = performance.timeOrigin + res.at;
    card.busy = false;
    if (res.status === 200) {
      pool.applyCard(card, res.body);
      responses.set(`${card.id}:${res.body.version}`, { at, sentAt });
    } else {
      const key = `${res.status} ${res.body?.code ?? ''}`.trim();
      errors[key] = (errors[key] ?? 0) + 1;
      pool.applyError(card, res.body);
    }
  });
  // Let the last events arrive (bounded).
  await sleep(2_000);
  clearInterval(sampler);
  agent.destroy();
  const reports = await Promise.all(workers.map((w) => ask(w, { cmd: 'report' }, 'report')));
  const delays = [];
  const signed = [];
  const fromSend = [];
  let delivered = 0;
  for (const r of reports) {
    for (const [key, times] of r.received) {
      const move = responses.get(key);
      if (move === undefined) continue;
      delivered += times.length;
      for (const t of times) {
        signed.push(t - move.at);
        delays.push(Math.max(0, t - move.at));
        fromSend.push(t - move.sentAt);
      }
    }
  }
  const stillConnected = reports.reduce((a, r) => a + r.connected, 0);
  const expected = responses.size * connected;
  return {
    fanoutP50Ms: percentile(delays, 50),
    fanoutP99Ms: percentile(delays, 99),
    fanoutDelivered: expected ? delivered / expected : null,
    serverRssMb: Math.max(...rss.filter((v) => v !== null)),
    extra: {
      moves: responses.size,
      clients: connected,
      stillConnected,
      expected,
      delivered,
      errors,
      beforeResponse: signed.filter((d) => d < 0).length / (signed.length || 1),
      maxMs: delays.length ? Math.max(...delays) : null,
      fromRequestP50Ms: percentile(fromSend, 50),
      fromRequestP99Ms: percentile(fromSend, 99),
      signedMinMs: signed.length ? Math.min(...signed) : null,
    },
  };
}
