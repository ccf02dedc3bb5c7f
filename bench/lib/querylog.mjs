/**
 * Captures the SQL Relay issues for one request from PostgreSQL's own statement log
 * (log_statement = 'all' switched on for a moment with ALTER SYSTEM + pg_reload_conf()).
 * Only statements of connections whose application_name is `relay` (the server's pool) are kept.
 */
import { onPostgresLog, sleep } from './env.mjs';

const PREFIX = '%m [%p] <%a> ';
const LINE_START = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \w+ \[(\d+)\] <([^>]*)> (\w+):\s+(.*)$/;

async function setLogging(admin, on) {
  if (on) {
    await admin.query(`ALTER SYSTEM SET log_line_prefix = '${PREFIX}'`);
    await admin.query(`ALTER SYSTEM SET log_statement = 'all'`);
  } else {
    await admin.query('ALTER SYSTEM RESET log_statement');
    await admin.query('ALTER SYSTEM RESET log_line_prefix');
  }
  await admin.query('SELECT pg_reload_conf()');
  // Backends re-read the configuration between commands; give the idle pool a moment.
  await sleep(400);
}

/** Parses `'a', 'b''c'`, NULL parameter lists of a DETAIL line. */
function parseParameters(text) {
  const params = [];
  const re = /\$(\d+) = (NULL|'((?:[^']|'')*)')/gs;
  let m;
  while ((m = re.exec(text))) params[Number(m[1]) - 1] = m[2] === 'NULL' ? null : m[3].replace(/''/g, "'");
  return params;
}

export function parseLog(raw) {
  const entries = [];
  let cur = null;
  for (const line of raw.split('\n')) {
    const m = line.match(LINE_START);
    if (m) {
      cur = { pid: Number(m[1]), app: m[2], level: m[3], text: m[4] };
      entries.push(cur);
    } else if (cur) cur.text += '\n' + line;
  }
  const statements = [];
  for (const e of entries) {
    if (e.level === 'LOG') {
      const s = e.text.match(/^(?:statement|execute [^:]*):\s+([\s\S]*)$/);
      if (s) statements.push({ pid: e.pid, app: e.app, sql: s[1].trim(), params: [] });
    } else if (e.level === 'DETAIL' && /^[Pp]arameters:/.test(e.text) && statements.length) {
      const last = statements.at(-1);
      if (last.pid === e.pid) last.params = parseParameters(e.text.replace(/^[Pp]arameters:\s*/, ''));
    }
  }
  return statements;
}

/** Runs `action` with the statement log on and returns the server's statements it caused, in order. */
export async function captureStatements(admin, action) {
  await setLogging(admin, true);
  let raw = '';
  const off = onPostgresLog((chunk) => (raw += chunk + '\n'));
  try {
    await action();
    await sleep(500);
  } finally {
    off();
    await setLogging(admin, false);
  }
  // The hub's sweeper (every 5 s) is not part of a move.
  return parseLog(raw).filter((s) => s.app === 'relay' && !/FROM board_events WHERE seq IS NULL/.test(s.sql));
}

/**
 * Splits a request's statements into the move transaction and the rest: BEGIN…COMMIT on one backend,
 * or, for a move written without an explicit transaction, its statements up to the one that updates the
 * card (each commits on its own). `explicit` tells which.
 */
export function splitTransaction(statements) {
  const begin = statements.findIndex((s) => /^(START TRANSACTION|BEGIN)/i.test(s.sql));
  if (begin < 0) {
    const write = statements.findIndex((s) => /UPDATE cards SET/.test(s.sql));
    if (write < 0) throw new Error('neither a transaction nor a card update in the captured statements');
    // The move reads the card on the same connection or another: from the first statement after sign-in on.
    const first = statements.findIndex((s) => !/FROM sessions/.test(s.sql));
    return {
      tx: statements.slice(first, write + 1),
      before: statements.slice(0, first),
      after: statements.slice(write + 1),
      explicit: false,
    };
  }
  const pid = statements[begin].pid;
  const end = statements.findIndex((s, i) => i > begin && s.pid === pid && /^(COMMIT|ROLLBACK)/i.test(s.sql));
  const tx = statements.filter((s, i) => i >= begin && i <= end && s.pid === pid);
  const before = statements.filter((s, i) => i < begin);
  const after = statements.filter((s, i) => i > end || (i > begin && i < end && s.pid !== pid));
  return { tx, before, after, explicit: true };
}
