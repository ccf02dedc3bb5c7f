/**
 * Writes bench/results.json and the generated parts of BENCHMARKS.md (between the
 * `<!-- bench:… -->` markers; the hand-written analysis around them is kept).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './env.mjs';

/** The figures of the issue, in order, with units and targets. */
export const FIGURES = [
  { key: 'moveP50Ms', label: 'Move latency p50 (100 moves/s, 50 users, 5,000 cards)', unit: 'ms' },
  { key: 'moveP99Ms', label: 'Move latency p99 (same)', unit: 'ms', target: (v) => v <= 50, targetText: '≤ 50' },
  {
    key: 'movesPerSec',
    label: 'Moves/s sustained, 16 connections, no errors',
    unit: '/s',
    target: (v, r) => v >= 0.4 * r.dbMoveTps,
    targetText: '≥ 0.4 × dbMoveTps',
  },
  { key: 'dbMoveTps', label: 'Move transaction replayed on PostgreSQL, 16 connections', unit: 'tx/s' },
  { key: 'fanoutP50Ms', label: 'Fan-out p50, response → `card.moved` at 500 clients', unit: 'ms' },
  {
    key: 'fanoutP99Ms',
    label: 'Fan-out p99 (same)',
    unit: 'ms',
    target: (v, r) => v <= 100 && r.fanoutDelivered === 1,
    targetText: '≤ 100 with all delivered',
  },
  { key: 'fanoutDelivered', label: 'Fan-out events delivered', unit: 'fraction', target: (v) => v === 1, targetText: '= 1' },
  { key: 'boardApiMs', label: '`GET /api/board`, 5,000 cards', unit: 'ms', target: (v) => v <= 100, targetText: '≤ 100' },
  { key: 'boardBytes', label: '`GET /api/board` body, gzipped', unit: 'bytes' },
  {
    key: 'boardRenderMs',
    label: 'Chromium: open the board (5,000 cards) until interactive',
    unit: 'ms',
    target: (v) => v <= 1500,
    targetText: '≤ 1500',
  },
  {
    key: 'dragFrameMs',
    label: 'Chromium: frame time (p95) dragging a card across lanes',
    unit: 'ms',
    target: (v) => v <= 16,
    targetText: '≤ 16',
  },
  {
    key: 'boardJsGzipBytes',
    label: "The board's first-load JavaScript (entry + preloaded chunks), gzip -9",
    unit: 'bytes',
    target: (v) => v <= 150_000,
    targetText: '≤ 150,000',
  },
  {
    key: 'lighthouseMobileScore',
    label: 'Lighthouse 12 mobile performance score, the board (5,000 cards)',
    unit: '/100',
    target: (v) => v >= 90,
    targetText: '≥ 90',
  },
  {
    key: 'stuckScanMs',
    label: 'Stuck scan, 100,000 cards, 1% stuck (steady state)',
    unit: 'ms',
    target: (v) => v <= 20,
    targetText: '≤ 20',
  },
  {
    key: 'closedBoardApiMs',
    label: '`GET /api/board`, 5,000 open cards and 100,000 closed ones (with their history)',
    unit: 'ms',
    target: (v, r) => v <= 60 && (r.boardApiMs === null || r.boardApiMs === undefined || v <= r.boardApiMs * 1.1),
    targetText: '≤ 60 and ≤ boardApiMs (+10% noise)',
  },
  {
    key: 'closedBoardBytes',
    label: '`GET /api/board` body gzipped, with the 100,000 closed cards',
    unit: 'bytes',
    target: (v, r) => r.boardBytes === null || r.boardBytes === undefined || Math.abs(v - r.boardBytes) <= 0.01 * r.boardBytes,
    targetText: '= boardBytes (±1%: seq and now differ)',
  },
  {
    key: 'searchP95Ms',
    label: 'Search `GET /api/cards?q=` over 105,000 cards, p95',
    unit: 'ms',
    target: (v) => v <= 50,
    targetText: '≤ 50',
  },
  {
    key: 'exportMs',
    label: 'CSV export of 100,000 closed cards, to the last byte',
    unit: 'ms',
    target: (v) => v <= 10_000,
    targetText: '≤ 10,000',
  },
  {
    key: 'exportRssGrowthMb',
    label: "The server's RSS growth during that export (peak − before)",
    unit: 'MB',
    target: (v) => v < 50,
    targetText: '< 50',
  },
  { key: 'serverRssMb', label: 'Server RSS, 5,000 cards and 500 sockets (peak)', unit: 'MB', target: (v) => v <= 250, targetText: '≤ 250' },
];

/** Extra figures, reported with the same median and spread (not targets). */
export const EXTRA_FIGURES = [
  { key: 'boardWireBytes', label: '`GET /api/board` on the wire to a browser (`Accept-Encoding: gzip, deflate, br`)', unit: 'bytes' },
  { key: 'boardWireMs', label: 'The same request, p50 (compression included)', unit: 'ms' },
  { key: 'stuckScanFirstMs', label: 'Stuck scan, first (nudges 1,000 cards)', unit: 'ms' },
  {
    key: 'dbMoveRequestTps',
    label: 'Whole move request replayed on PostgreSQL (auth, tx, publish, read-back), 16 connections',
    unit: 'req/s',
  },
  { key: 'moveRatio', label: 'movesPerSec / dbMoveTps', unit: '' },
  { key: 'floorP50Ms', label: 'Floor: `GET /api/auth/me` (no database) p50, same client at 100/s, right after the moves', unit: 'ms' },
  { key: 'floorP99Ms', label: 'Floor: the same, p99', unit: 'ms' },
];

function fmt(v, unit) {
  if (v === null || v === undefined) return '—';
  if (unit === 'bytes') return `${Math.round(v).toLocaleString('en-US')}`;
  if (unit === 'fraction') return v === 1 ? '1' : v.toFixed(4);
  if (unit === '') return v.toFixed(2);
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(1);
}

export function buildResults({ spreads, meta, extras, targetsMet }) {
  const out = {};
  for (const f of [...FIGURES, ...EXTRA_FIGURES]) out[f.key] = spreads[f.key]?.median ?? null;
  out.spread = spreads;
  out.targets = targetsMet;
  out.details = extras;
  out.meta = meta;
  return out;
}

export function evaluateTargets(medians) {
  const met = {};
  for (const f of FIGURES) {
    if (!f.target) continue;
    const v = medians[f.key];
    met[f.key] = { target: f.targetText, met: v === null || v === undefined ? null : Boolean(f.target(v, medians)) };
  }
  return met;
}

function table(spreads, targetsMet, meta) {
  const rows = ['| figure | key | median | spread (min–max) | runs | target | met |', '|---|---|---:|---:|---:|---|---|'];
  for (const f of [...FIGURES, ...EXTRA_FIGURES]) {
    const s = spreads[f.key] ?? { median: null, min: null, max: null, runs: [] };
    const t = targetsMet[f.key];
    const unit = f.unit && f.unit !== 'fraction' ? ` ${f.unit}` : '';
    const spread = s.min === null ? '—' : `${fmt(s.min, f.unit)}–${fmt(s.max, f.unit)}`;
    const met = !t ? '' : t.met === null ? 'not measured' : t.met ? '✅ yes' : '❌ no';
    rows.push(
      `| ${f.label} | \`${f.key}\` | ${fmt(s.median, f.unit)}${unit} | ${spread} | ${s.runs.filter((v) => v !== null).length} | ${t?.target ?? ''} | ${met} |`,
    );
  }
  return [
    `Measured ${meta.date} on ${meta.machine.cpus} × ${meta.machine.cpuModel}, ${meta.machine.memoryGb} GB RAM, ${meta.machine.os}; Node ${meta.machine.node}, ${meta.machine.postgres}${meta.machine.chromium ? `, ${meta.machine.chromium}` : ''}. Mode: ${meta.mode} (${meta.runs} run${meta.runs === 1 ? '' : 's'} per figure; ${meta.durations}). Bench client and server share the machine.`,
    '',
    ...rows,
  ].join('\n');
}

function replaceBlock(doc, name, content) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${content}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + end.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}

/** Formats `text` as Prettier would for `path` (the repository's config), so `npm run lint` accepts what the bench writes. */
async function formatted(path, text) {
  const prettier = await import('prettier');
  return prettier.format(text, { ...(await prettier.resolveConfig(path)), filepath: path });
}

export async function writeReports({ results, spreads, targetsMet, meta, sections }) {
  const json = join(ROOT, 'bench', 'results.json');
  writeFileSync(json, await formatted(json, JSON.stringify(results, null, 2)));
  const path = join(ROOT, 'BENCHMARKS.md');
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\nGenerated by `npm run bench` (see bench/).\n';
  doc = replaceBlock(doc, 'results', table(spreads, targetsMet, meta));
  for (const [name, content] of Object.entries(sections)) if (content) doc = replaceBlock(doc, name, content);
  writeFileSync(path, await formatted(path, doc));
}
