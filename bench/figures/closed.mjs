/**
 * Issue 24, the board with its history: 100,000 closed cards (with their history) beside the 5,000 of the board.
 * closedBoardApiMs / closedBoardBytes: `GET /api/board` then (boardApi's median and gzipped body; compare
 * with boardApiMs / boardBytes of the same run, 5,000 cards alone). searchP95Ms: `GET /api/cards?q=` over all
 * 105,000 cards, p95 of word-beginning queries. exportMs / exportRssGrowthMb: `GET /api/cards/export.csv`
 * of the 100,000 closed cards, to the last byte, and the server's RSS peak during it minus before it.
 */
import http from 'node:http';
import { rssMb } from '../lib/env.mjs';
import { percentile } from '../lib/stats.mjs';
import { boardApi } from './board.mjs';

const SEARCHES = ['acme', 'harb', 'closed 4711', 'customer9', 'handed', 'contact 123', 'brigh', 'serv', 'clos', 'zzz'];

function get(agent, base, path, token, onData = () => {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytes = 0;
    const req = http.request(
      { host: url.hostname, port: url.port, path, agent, headers: { authorization: `Bearer ${token}` }, timeout: 120_000 },
      (res) => {
        const chunks = [];
        res.on('data', (d) => {
          bytes += d.length;
          onData(d);
          if (chunks.length < 64) chunks.push(d);
        });
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, bytes, head: Buffer.concat(chunks) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function closedCards({ url, token, serverPid, requests = 20, closed }) {
  const board = await boardApi({ url, token, requests });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  const hits = {};
  for (let round = 0; round < 3; round++)
    for (const q of SEARCHES) {
      const res = await get(agent, url, `/api/cards?q=${encodeURIComponent(q)}&limit=50`, token);
      if (res.status !== 200) throw new Error(`GET /api/cards?q=${q} → ${res.status}`);
      if (round > 0) times.push(res.ms); // the first round warms up
      hits[q] = JSON.parse(res.head.toString('utf8')).items.length;
    }
  const before = rssMb(serverPid);
  const rss = [];
  const sampler = setInterval(() => rss.push(rssMb(serverPid)), 100);
  let lines = 0;
  const exp = await get(agent, url, '/api/cards/export.csv?status=closed', token, (d) => {
    for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
  });
  clearInterval(sampler);
  agent.destroy();
  if (exp.status !== 200) throw new Error(`export → ${exp.status}`);
  return {
    closedBoardApiMs: board.boardApiMs,
    closedBoardBytes: board.boardBytes,
    searchP95Ms: percentile(times, 95),
    exportMs: exp.ms,
    exportRssGrowthMb: Math.max(...rss.filter((v) => v !== null)) - before,
    extra: {
      closed,
      boardCards: board.extra.cards,
      searchP50Ms: percentile(times, 50),
      searchHits: hits,
      exportBytes: exp.bytes,
      exportLines: lines,
      rssBeforeMb: before,
    },
  };
}
