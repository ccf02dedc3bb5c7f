/**
 * dbMoveTps: the move transaction's SQL, exactly as Relay issued it (captured from PostgreSQL's
 * statement log for one forward and one back move), replayed from Node with `connections` pg
 * connections against the same database for a fixed time. Each connection moves its own cards
 * forward and back, substituting the card, its version, the actor, the session and the time.
 * `dbMoveRequestTps` replays everything one move request issues: the session lookup, the
 * write, and the claim that numbers and publishes its event (which the answer does not wait for).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { sleep } from '../lib/env.mjs';
import { captureStatements, splitTransaction } from '../lib/querylog.mjs';
import { BACK_REASON } from '../lib/movers.mjs';

const TS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const tokenHash = (token) => createHash('sha256').update(token).digest('base64url');
const statementName = (sql) => `bench_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;

/**
 * Captures one forward and one back move of `card` (moved by `user`) over HTTP. The card's version is
 * set to a distinctive number first, so the version parameter can be told apart from other numbers.
 */
export async function captureMove({ url, admin, card, user }) {
  const V = 424_240;
  await admin.query('UPDATE cards SET version = $2 WHERE id = $1', [card.id, V]);
  const move = async (body) => {
    const res = await fetch(`${url}/api/cards/${card.id}/move`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`capture move: ${res.status} ${await res.text()}`);
    return res.json();
  };
  // One move first so caches the server fills once (the default pipeline id) are not in the capture.
  await move({ toLane: card.nextKey, version: V });
  await move({ toLane: card.homeKey, version: V + 1, reason: BACK_REASON });
  await admin.query('UPDATE cards SET version = $2 WHERE id = $1', [card.id, V]);
  await sleep(200);
  const forward = await captureStatements(admin, () => move({ toLane: card.nextKey, version: V }));
  const back = await captureStatements(admin, () => move({ toLane: card.homeKey, version: V + 1, reason: BACK_REASON }));
  return {
    forward: { ...splitTransaction(forward), version: V },
    back: { ...splitTransaction(back), version: V + 1 },
    cardId: card.id,
    userId: user.id,
    tokenHash: tokenHash(user.token),
  };
}

/** The parameters of a captured statement for another card, user, version and time. */
function substitute(params, map, version, newVersion, now) {
  return params.map((p) => {
    if (p === null) return null;
    if (p === String(version)) return String(newVersion);
    if (TS.test(p)) return now;
    let out = p;
    for (const [from, to] of map) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  });
}

/** Runs the captured move of `template` for `card` on one client; false when the move did not apply. */
async function replayOne(client, statements, template, capture, card, worker) {
  const map = [
    [capture.cardId, card.id],
    [capture.userId, worker.userId],
    [capture.tokenHash, worker.tokenHash],
  ];
  const now = new Date().toISOString();
  let applied = true;
  for (const s of statements) {
    const params = substitute(s.params, map, template.version, card.version, now);
    // Named, as Relay's own client runs them (server/src/database/preparing-client.ts): parsed and planned once.
    const res = await client.query(params.length ? { name: statementName(s.sql), text: s.sql, values: params } : s.sql);
    // The move itself: its UPDATE may sit in a CTE, answering the moved card (one row when it applied) or
    // how many rows it changed (`applied`).
    if (/UPDATE cards SET version = version \+ 1/.test(s.sql)) {
      const answered = res.rows?.[0]?.applied;
      if (answered !== undefined ? answered !== 1 : res.rowCount !== 1) applied = false;
    }
  }
  return applied;
}

/**
 * Replays for `seconds` with `connections` clients. `cards` are movers with the same home lane as the
 * captured card; each client owns a slice. `scope` = 'tx' (the transaction) or 'request' (all statements).
 */
export async function replayMoves({ databaseUrl, capture, cards, users, connections, seconds, scope = 'tx' }) {
  const clients = [];
  for (let i = 0; i < connections; i++) {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'relay-bench-replay' });
    await c.connect();
    clients.push(c);
  }
  const statementsOf = (t) => (scope === 'tx' ? t.tx : [...t.before, ...t.tx, ...t.after]);
  let done = 0;
  let failed = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, i) => {
      const mine = cards.filter((_, k) => k % connections === i);
      const user = users[i % users.length];
      const worker = { userId: user.id, tokenHash: tokenHash(user.token) };
      let k = 0;
      while (performance.now() < deadline && mine.length) {
        const card = mine[k++ % mine.length];
        const template = card.laneKey === card.homeKey ? capture.forward : capture.back;
        try {
          if (await replayOne(client, statementsOf(template), template, capture, card, worker)) {
            card.version += 1;
            card.laneKey = card.laneKey === card.homeKey ? card.nextKey : card.homeKey;
            done++;
          } else failed++;
        } catch (err) {
          failed++;
          await client.query('ROLLBACK').catch(() => undefined);
          if (failed < 3) console.error('replay error:', err.message);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return { tps: failed === 0 ? done / elapsed : null, done, failed, seconds: elapsed, extra: {} };
}

/** One line per statement, for BENCHMARKS.md. */
export function describeStatements(list) {
  return list.map((s) => s.sql.replace(/\s+/g, ' ').slice(0, 110));
}
