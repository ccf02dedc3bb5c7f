#!/usr/bin/env node
/**
 * `npm run bench` — Relay's speed at scale, measured. Not part of `npm test`.
 *
 *   npm run bench                 full suite (3 runs per figure, ~10 min)
 *   npm run bench -- --quick      smaller and shorter (1 run, < 3 min), same keys
 *   npm run bench -- --runs 5     more runs
 *   npm run bench -- --only moves,board    only some groups: moves, throughput, db, board, fanout, browser, closed, stuck
 *   BENCH_MOVE_RATE=50 npm run bench -- --only moves    the latency figure at another rate (diagnosis only)
 *   BENCH_SERVER_MAIN=server/distA/main.js npm run bench -- --only moves    another build of the server (A/B, diagnosis only)
 *
 * Starts an embedded PostgreSQL (the server's own helper) in bench/.work/, starts Relay as a process
 * against it (`node server/dist/main.js`, 127.0.0.1, free port), seeds data in SQL, measures, and
 * writes bench/results.json and the tables of BENCHMARKS.md. Build first:
 * `npm run build -w @relay/shared && npm run build -w @relay/server` (and the client for the browser figures).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  ROOT,
  WORK,
  atExit,
  cleanup,
  createDatabase,
  log,
  login,
  requireBuilt,
  startPostgres,
  startServer,
  waitQuiet,
  withCpu,
} from './lib/env.mjs';
import { MoverPool } from './lib/movers.mjs';
import { FIGURES, EXTRA_FIGURES, buildResults, evaluateTargets, writeReports } from './lib/report.mjs';
import { loadPipeline, seedCards, seedClosedCards, seedUsers } from './lib/seed.mjs';
import { summarize } from './lib/stats.mjs';
import { boardApi } from './figures/board.mjs';
import { closedCards } from './figures/closed.mjs';
import { browserRun, launchBrowser } from './figures/browser.mjs';
import { boardJsGzipBytes, lighthouseRun } from './figures/lighthouse.mjs';
import { captureMove, describeStatements, replayMoves } from './figures/dbmove.mjs';
import { connectClients, fanout } from './figures/fanout.mjs';
import { floorLatency, moveLatency, movesThroughput } from './figures/moves.mjs';
import { explainCandidates, stuckScan } from './figures/stuck.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const arg = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const GROUPS = ['moves', 'throughput', 'db', 'board', 'fanout', 'browser', 'closed', 'stuck'];
const only = arg('--only') ? new Set(arg('--only').split(',')) : new Set(GROUPS);
const want = (g) => only.has(g);

const C = quick
  ? {
      runs: 1,
      boardCards: 5000,
      users: 50,
      cardsPerUser: 20,
      rate: 100,
      latencySeconds: 10,
      throughputSeconds: 10,
      dbSeconds: 8,
      requestReplaySeconds: 4,
      fanoutClients: 500,
      fanoutSeconds: 10,
      fanoutIntervalMs: 200,
      stuckCards: 100_000,
      stuckFraction: 0.01,
      steadyScans: 3,
      closedCards: 100_000,
      boardRequests: 10,
    }
  : {
      runs: 3,
      boardCards: 5000,
      users: 50,
      cardsPerUser: 20,
      rate: 100,
      latencySeconds: 30,
      throughputSeconds: 30,
      dbSeconds: 30,
      requestReplaySeconds: 10,
      fanoutClients: 500,
      fanoutSeconds: 20,
      fanoutIntervalMs: 200,
      stuckCards: 100_000,
      stuckFraction: 0.01,
      steadyScans: 5,
      closedCards: 100_000,
      boardRequests: 20,
    };
// Diagnosis only (the issue's figures are at 100 moves/s): BENCH_MOVE_RATE=50 shows how the tail depends on load.
if (process.env.BENCH_MOVE_RATE) C.rate = Number(process.env.BENCH_MOVE_RATE);
if (arg('--runs')) C.runs = Math.max(1, Math.min(20, Number(arg('--runs')) || 1));

const runs = Object.fromEntries([...FIGURES, ...EXTRA_FIGURES].map((f) => [f.key, []]));
const extras = {};
const record = (group, result, backgroundCpu = null) => {
  for (const [k, v] of Object.entries(result)) if (k !== 'extra' && k in runs) runs[k].push(v ?? null);
  (extras[group] ??= []).push({
    ...(result.extra ?? {}),
    backgroundCpu: backgroundCpu === null ? null : Math.round(backgroundCpu * 100) / 100,
  });
};
/** The machine may be shared with other work: wait (bounded) for it to be quiet before each measurement. */
const quiet = () => waitQuiet({ threshold: 0.25, maxWaitMs: quick ? 15_000 : 60_000 });
const sections = {};

function machine(pgVersion) {
  let chromium = null;
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // no browser
  }
  let osName = `${os.type()} ${os.release()}`;
  try {
    osName = readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="([^"]+)"/)?.[1] ?? osName;
  } catch {
    // keep
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: osName,
    node: process.versions.node,
    postgres: pgVersion,
    chromium,
  };
}

/**
 * The bench's own connections. An idle one that PostgreSQL closes (the cluster stopping at the end of the
 * run) is reported, not left to crash the process after the results are written.
 */
function benchPool(connectionString) {
  const pool = new pg.Pool({ connectionString, max: 4, application_name: 'relay-bench' });
  pool.on('error', (err) => console.error(`bench connection closed: ${err.message}`));
  return pool;
}

async function main() {
  requireBuilt();
  const began = Date.now();
  const clientDir = join(ROOT, 'client', 'dist');
  const hasClient = existsSync(join(clientDir, 'index.html'));
  log(`${quick ? 'quick' : 'full'} run: ${C.runs} run(s) per figure; groups ${[...only].join(', ')}`);

  const database = await startPostgres('pg');
  const admin = benchPool(database.url);
  atExit(() => admin.end());
  const pgVersion = (await admin.query('SHOW server_version')).rows[0].server_version;

  // ---- Phase 1: a board of 5,000 cards --------------------------------------------------------
  if (['moves', 'throughput', 'db', 'board', 'fanout', 'browser', 'closed'].some(want)) {
    const server = await startServer({
      databaseUrl: database.url,
      dataDir: join(WORK, 'relay-data'),
      clientDir: hasClient ? clientDir : null,
    });
    log(`Relay at ${server.url} (pid ${server.pid})`);
    const p = await loadPipeline(admin);
    const users = await seedUsers(admin, C.users);
    const movers = C.users * C.cardsPerUser;
    const seeded = await seedCards(admin, p, { count: C.boardCards, movers: movers + 1 });
    log(`seeded ${seeded.length} cards (${movers} movers), ${users.length} users`);
    // A freshly loaded database: vacuum and analyse it now, or autovacuum does it during the first figures.
    await admin.query('VACUUM ANALYZE');
    for (const u of users) Object.assign(u, await login(server.url, u.email).then((r) => ({ token: r.token })));
    const adminUser = await login(server.url, 'admin@relay.test');
    const next = (c) => p.lanes[c.lanePos + 1].key;
    const moverCards = seeded.filter((c) => c.mover);
    const captureCard = moverCards.pop();
    const pool = new MoverPool(
      moverCards.map((c, k) => ({ id: c.id, homeKey: c.laneKey, nextKey: next(c), owner: k % users.length })),
      users,
    );

    /**
     * Before each move figure: the movers' versions from the database, and every notification read (as if
     * everybody had opened the bell): a notification's insert counts its person's unread ones, so an
     * ever-growing backlog (thousands each after a few runs) would make later runs slower than earlier ones.
     */
    const prepareMoves = async () => {
      await pool.sync(admin);
      await admin.query('UPDATE notifications SET read_at = now() WHERE read_at IS NULL');
      await admin.query('VACUUM ANALYZE notifications');
      // The transaction-only replay records events it never publishes: a backlog the server never has (its
      // sweep would number and emit them during the next figure). They are numbered here, emitted to nobody
      // and marked published (a claim leaves that to the emitter since migration PublishedAfterEmit; the
      // sweep would otherwise emit them all during the figure).
      await admin.query(`DO $$ BEGIN
        IF to_regproc('board_events_claim') IS NOT NULL THEN PERFORM count(*) FROM pipelines p, board_events_claim(p.id, 2147483647); END IF;
        UPDATE board_events SET published_at = now() WHERE published_at IS NULL; END $$`);
      // What the previous figures left (thousands of moves each, and the update above) is vacuumed, as
      // autovacuum would have in a steady state: otherwise each run starts on more dead rows than the last.
      await admin.query('VACUUM ANALYZE board_events, cards, card_events');
      // Flush what the seeding and the previous figure wrote, so their checkpoint does not land in this figure.
      await admin.query('CHECKPOINT');
    };
    /** Runs a move figure, adding the CPU the server, PostgreSQL and the bench used per successful move. */
    const measured = async (fn, count) => {
      const { result, cpu } = await withCpu({ serverPid: server.pid, pgDir: database.pgDir }, fn);
      const n = count(result);
      if (n) result.extra.cpuPerMoveMs = { server: cpu.serverMs / n, postgres: cpu.postgresMs / n, bench: cpu.benchMs / n };
      return result;
    };

    let capture = null;
    if (want('db')) {
      capture = await captureMove({
        url: server.url,
        admin,
        card: { id: captureCard.id, homeKey: captureCard.laneKey, nextKey: next(captureCard) },
        user: users[0],
      });
      sections.movesql = [
        `The move transaction as Relay issued it (captured from PostgreSQL's statement log, forward move ${captureCard.laneKey} → ${next(captureCard)}; the back move differs only in its event type and reason):`,
        '',
        '```sql',
        ...capture.forward.before.map((s) => `-- before: ${describeStatements([s])[0]}`),
        ...describeStatements(capture.forward.tx),
        ...capture.forward.after.map((s) => `-- after:  ${describeStatements([s])[0]}`),
        '```',
        '',
        capture.forward.explicit
          ? `${capture.forward.tx.length} statements in the transaction; ${capture.forward.before.length} before it and ${capture.forward.after.length} after it in the same request.`
          : `${capture.forward.tx.length} statements, with no explicit transaction (the last one writes the move, guarded by the card's version, and commits on its own); ${capture.forward.before.length} before them and ${capture.forward.after.length} after them for the same request (publishing its event, which the answer does not wait for).`,
      ].join('\n');
      log(
        `captured the move: ${capture.forward.tx.length} statements${capture.forward.explicit ? ' in the transaction' : ' (no explicit transaction)'}, ${capture.forward.before.length + capture.forward.after.length} around them`,
      );
    }

    for (let r = 0; r < C.runs; r++) {
      log(`— run ${r + 1}/${C.runs}`);
      if (want('moves')) {
        await prepareMoves();
        if (r === 0) await moveLatency({ url: server.url, pool, rate: C.rate, seconds: 3 }); // warm-up, not recorded
        await prepareMoves();
        const bg = await quiet();
        const res = await measured(
          () => moveLatency({ url: server.url, pool, rate: C.rate, seconds: C.latencySeconds }),
          (x) => x.extra.ok,
        );
        record('moves', res, bg);
        log(
          `moves: p50 ${res.moveP50Ms?.toFixed(1)} ms, p99 ${res.moveP99Ms?.toFixed(1)} ms, ${res.extra.ok} ok, errors ${JSON.stringify(res.extra.errors)}`,
        );
        const floor = await floorLatency({ url: server.url, users, rate: C.rate, seconds: C.latencySeconds });
        record('floor', floor);
        log(`floor (GET /api/auth/me at the same rate): p50 ${floor.floorP50Ms?.toFixed(1)} ms, p99 ${floor.floorP99Ms?.toFixed(1)} ms`);
      }
      if (want('throughput')) {
        await prepareMoves();
        if (r === 0) await movesThroughput({ url: server.url, pool, connections: 16, seconds: 3 });
        await prepareMoves();
        const bg = await quiet();
        const res = await measured(
          () => movesThroughput({ url: server.url, pool, connections: 16, seconds: C.throughputSeconds }),
          (x) => x.extra.ok,
        );
        record('throughput', res, bg);
        log(
          `throughput: ${res.movesPerSec?.toFixed(0) ?? 'errors!'} moves/s (${res.extra.ok} ok, errors ${JSON.stringify(res.extra.errors)})`,
        );
      }
      if (want('db') && capture) {
        await prepareMoves();
        const sameLane = pool.cards.filter((c) => c.homeKey === captureCard.laneKey);
        const bg = await quiet();
        const tx = await measured(
          () =>
            replayMoves({ databaseUrl: database.url, capture, cards: sameLane, users, connections: 16, seconds: C.dbSeconds, scope: 'tx' }),
          (x) => x.done,
        );
        await prepareMoves();
        const req = await measured(
          () =>
            replayMoves({
              databaseUrl: database.url,
              capture,
              cards: sameLane,
              users,
              connections: 16,
              seconds: C.requestReplaySeconds,
              scope: 'request',
            }),
          (x) => x.done,
        );
        record('db', { dbMoveTps: tx.tps, dbMoveRequestTps: req.tps, extra: { tx, request: req } }, bg);
        log(`db replay: ${tx.tps?.toFixed(0)} tx/s (${tx.failed} failed); whole request ${req.tps?.toFixed(0)}/s`);
      }
      if (want('board')) {
        const bg = await quiet();
        const res = await boardApi({ url: server.url, token: users[0].token, requests: C.boardRequests });
        record('board', res, bg);
        log(
          `board: ${res.boardApiMs.toFixed(1)} ms, ${res.boardBytes} bytes gzipped (${res.extra.rawBytes} raw, ${res.extra.cards} cards); ` +
            `on the wire to a browser ${res.boardWireBytes} bytes ${res.extra.wireEncoding} in ${res.boardWireMs.toFixed(1)} ms`,
        );
      }
    }

    if (want('fanout')) {
      const started = performance.now();
      const handle = await connectClients({ url: server.url, tokens: users.map((u) => u.token), clients: C.fanoutClients, threads: 2 });
      log(`${handle.connected} sockets connected in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      try {
        for (let r = 0; r < C.runs; r++) {
          await prepareMoves();
          const bg = await quiet();
          const res = await fanout({
            url: server.url,
            pool,
            handle,
            serverPid: server.pid,
            intervalMs: C.fanoutIntervalMs,
            seconds: C.fanoutSeconds,
          });
          record('fanout', res, bg);
          log(
            `fanout: p50 ${res.fanoutP50Ms?.toFixed(1)} ms, p99 ${res.fanoutP99Ms?.toFixed(1)} ms, delivered ${res.fanoutDelivered}, RSS ${res.serverRssMb?.toFixed(0)} MB`,
          );
        }
      } finally {
        await handle.close();
      }
    }

    if (want('browser')) {
      if (!hasClient) {
        log('browser: client/dist is not built; boardRenderMs and dragFrameMs are null');
        for (let r = 0; r < C.runs; r++)
          record('browser', { boardRenderMs: null, dragFrameMs: null, extra: { note: 'client/dist not built' } });
      } else {
        const browser = await launchBrowser();
        try {
          // What the board shows (Done holds only the recently closed cards), not every card in the table.
          const shown = await fetch(`${server.url}/api/board`, { headers: { authorization: `Bearer ${adminUser.token}` } });
          const cards = (await shown.json()).cards.length;
          await browserRun({ browser, url: server.url, token: adminUser.token, expectedCards: cards, lanes: p.lanes.length, drag: false }); // warm-up
          for (let r = 0; r < C.runs; r++) {
            const bg = await quiet();
            const res = await browserRun({ browser, url: server.url, token: users[0].token, expectedCards: cards, lanes: p.lanes.length });
            record('browser', res, bg);
            log(
              `browser: board interactive at ${res.boardRenderMs?.toFixed(0)} ms, drag frame p95 ${res.dragFrameMs?.toFixed(1)} ms (${res.extra.drag?.frames} frames)`,
            );
          }
          for (let r = 0; r < C.runs; r++) {
            const bg = await quiet();
            const lh = await lighthouseRun({ url: server.url, token: users[0].token }).catch((err) => ({
              lighthouseMobileScore: null,
              extra: { lighthouseError: err.message.slice(0, 300) },
            }));
            record('browser', { ...lh, boardJsGzipBytes: boardJsGzipBytes(clientDir) }, bg);
            log(`browser: Lighthouse mobile ${lh.lighthouseMobileScore ?? '—'}, board JS ${boardJsGzipBytes(clientDir)} bytes gzip`);
          }
        } catch (err) {
          log(`browser: failed (${err.message.split('\n')[0]}); recorded as null`);
          record('browser', { boardRenderMs: null, dragFrameMs: null, extra: { error: err.message.slice(0, 500) } });
        } finally {
          await browser.close();
        }
      }
    }
    // Last in this phase (the groups above measure the board without them): 100,000 closed cards beside it.
    if (want('closed')) {
      if (!want('board')) {
        const res = await boardApi({ url: server.url, token: users[0].token, requests: C.boardRequests });
        record('board', res);
        log(`board (5,000 cards alone): ${res.boardApiMs.toFixed(1)} ms, ${res.boardBytes} bytes gzipped`);
      }
      const started = performance.now();
      await seedClosedCards(admin, p, { count: C.closedCards });
      // As a database that has lived with its history: vacuumed and analysed (autovacuum would otherwise run
      // during the measurement, right after the bulk load).
      await admin.query('VACUUM ANALYZE cards, card_events');
      log(`seeded ${C.closedCards} closed cards with their history in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      for (let r = 0; r < C.runs; r++) {
        const bg = await quiet();
        const res = await closedCards({
          url: server.url,
          token: users[0].token,
          serverPid: server.pid,
          requests: C.boardRequests,
          closed: C.closedCards,
        });
        record('closed', res, bg);
        log(
          `closed: board ${res.closedBoardApiMs.toFixed(1)} ms, ${res.closedBoardBytes} bytes gzipped (${res.extra.boardCards} cards); ` +
            `search p95 ${res.searchP95Ms.toFixed(1)} ms; export ${res.extra.exportLines} lines in ${res.exportMs.toFixed(0)} ms, RSS +${res.exportRssGrowthMb.toFixed(0)} MB`,
        );
      }
    }
    await server.stop();
  }

  // ---- Phase 2: 100,000 cards for the stuck scan ----------------------------------------------
  if (want('stuck')) {
    await createDatabase(database.url, 'relay_stuck');
    const url = database.urlFor('relay_stuck');
    const server = await startServer({ databaseUrl: url, dataDir: join(WORK, 'relay-data-stuck') });
    const db = benchPool(url);
    atExit(() => db.end());
    const p = await loadPipeline(db);
    // 1% of the cards past their lane's limit; the rest well inside it (or done).
    const seeded = await seedCards(db, p, {
      count: C.stuckCards,
      movers: 0,
      health: { atRisk: 0, stuck: 0 },
      values: false,
      history: false,
      seed: 11,
    });
    const timed = seeded.filter((c) => p.lanes[c.lanePos].limitHours !== null);
    const stuckCount = Math.round(C.stuckCards * C.stuckFraction);
    const step = timed.length / stuckCount;
    const stuckIds = Array.from({ length: stuckCount }, (_, i) => timed[Math.floor(i * step)].id);
    await db.query(
      `UPDATE cards c SET entered_lane_at = now() - make_interval(secs => l.time_limit_hours::float * 3600 * (1.05 + (abs(hashtext(c.id::text)) % 1000) / 500.0))
         FROM lanes l WHERE l.id = c.lane_id AND c.id = ANY($1::uuid[])`,
      [stuckIds],
    );
    await db.query('VACUUM ANALYZE cards');
    log(`seeded ${seeded.length} cards, ${stuckCount} stuck`);
    const adminUser = await login(server.url, 'admin@relay.test');
    for (let r = 0; r < C.runs; r++) {
      const bg = await quiet();
      const res = await stuckScan({ url: server.url, token: adminUser.token, db, steady: C.steadyScans });
      record('stuck', res, bg);
      log(
        `stuck scan: first ${res.stuckScanFirstMs.toFixed(0)} ms (${res.extra.firstNudged} nudged, ${res.extra.firstEscalated} escalated), steady ${res.stuckScanMs.toFixed(1)} ms`,
      );
    }
    const plan = await explainCandidates(db, p.pipelineId);
    sections.stuckplan = [
      `\`EXPLAIN (ANALYZE, BUFFERS)\` of the scan's candidate query (the server's own \`StuckRepository.candidates\` SQL), steady state, ${C.stuckCards.toLocaleString('en-US')} cards of which ${stuckCount.toLocaleString('en-US')} stuck:`,
      '',
      '```',
      plan,
      '```',
    ].join('\n');
    await server.stop();
  }

  // ---- Results ---------------------------------------------------------------------------------
  runs.moveRatio = runs.movesPerSec.map((v, i) => (v !== null && runs.dbMoveTps[i] ? v / runs.dbMoveTps[i] : null));
  const spreads = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summarize(v)]));
  const medians = Object.fromEntries(Object.entries(spreads).map(([k, s]) => [k, s.median]));
  const targetsMet = evaluateTargets(medians);
  const meta = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    mode: quick ? 'quick' : 'full',
    runs: C.runs,
    groups: [...only],
    config: C,
    durations: `moves ${C.latencySeconds} s at ${C.rate}/s, throughput ${C.throughputSeconds} s, db replay ${C.dbSeconds} s, fan-out ${C.fanoutSeconds} s × ${C.fanoutClients} clients`,
    machine: machine(`PostgreSQL ${pgVersion} (embedded)`),
    totalSeconds: Math.round((Date.now() - began) / 1000),
  };
  const results = buildResults({ spreads, meta, extras, targetsMet });
  await writeReports({ results, spreads, targetsMet, meta, sections });
  log(`done in ${meta.totalSeconds} s: bench/results.json and BENCHMARKS.md written`);
  for (const f of [...FIGURES, ...EXTRA_FIGURES]) {
    const s = spreads[f.key];
    const t = targetsMet[f.key];
    console.log(
      `  ${f.key.padEnd(18)} ${String(s.median === null ? '—' : Number(s.median.toFixed(2))).padStart(10)}  (${s.min === null ? '—' : `${Number(s.min.toFixed(2))}–${Number(s.max.toFixed(2))}`})${t ? `  target ${t.target}: ${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'}` : ''}`,
    );
  }
}

let exitCode = 0;
const onSignal = (sig) => {
  log(`${sig}: stopping`);
  cleanup().finally(() => process.exit(130));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
// A hard ceiling on the whole run, whatever happens.
const ceiling = setTimeout(
  () => {
    console.error('bench: exceeded its time limit; stopping');
    cleanup().finally(() => process.exit(1));
  },
  (quick ? 6 : 30) * 60_000,
).unref();
try {
  await main();
} catch (err) {
  console.error('bench failed:', err?.stack ?? err);
  exitCode = 1;
} finally {
  clearTimeout(ceiling);
  await cleanup();
}
process.exit(exitCode);
