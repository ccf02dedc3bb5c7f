/**
 * stuckScanMs: `POST /api/admin/stuck-scan` as admin over 100,000 cards of which 1% are past their
 * lane's limit. Each round starts from cards that were never scanned (health, nudge level, nudges and
 * notifications reset in SQL), then scans twice: the first scan nudges and escalates (stuckScanFirstMs),
 * the next ones find nothing new to do — the steady state every scheduled scan runs in (stuckScanMs =
 * the median of `steady` scans).
 */
import { median } from '../lib/stats.mjs';

export async function resetScanState(db) {
  await db.query('DELETE FROM nudges');
  await db.query('DELETE FROM notifications');
  await db.query(`DELETE FROM card_events WHERE type IN ('nudged', 'escalated')`);
  await db.query(`UPDATE cards SET health_state = 'ok', nudge_level = 0 WHERE health_state <> 'ok' OR nudge_level <> 0`);
  await db.query('VACUUM ANALYZE cards');
}

async function scanOnce(url, token) {
  const started = performance.now();
  const res = await fetch(`${url}/api/admin/stuck-scan`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`stuck scan → ${res.status} ${JSON.stringify(body)}`);
  return { ms, ...body };
}

export async function stuckScan({ url, token, db, steady = 5 }) {
  await resetScanState(db);
  const first = await scanOnce(url, token);
  const steadyRuns = [];
  for (let i = 0; i < steady; i++) steadyRuns.push(await scanOnce(url, token));
  if (steadyRuns.some((r) => r.nudged || r.escalated)) throw new Error('a steady-state scan nudged again');
  return {
    stuckScanMs: median(steadyRuns.map((r) => r.ms)),
    stuckScanFirstMs: first.ms,
    extra: { firstNudged: first.nudged, firstEscalated: first.escalated, steadyMs: steadyRuns.map((r) => r.ms) },
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the scan's candidate query: the server's own StuckRepository (from
 * server/dist) builds the SQL and parameters; its query is run under EXPLAIN instead.
 */
export async function explainCandidates(db, pipelineId) {
  const { StuckRepository } = await import(new URL('../../server/dist/modules/stuck/stuck.repository.js', import.meta.url).href);
  const { AT_RISK_FRACTION, ESCALATION_FACTOR } = await import('@relay/shared');
  let plan = null;
  const explaining = { query: async (sql, params) => ((plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows), []) };
  await new StuckRepository(null).candidates(explaining, pipelineId, new Date(), AT_RISK_FRACTION, ESCALATION_FACTOR);
  return plan.map((r) => r['QUERY PLAN']).join('\n');
}
