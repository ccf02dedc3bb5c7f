/**
 * boardApiMs: `GET /api/board` (5,000 cards), the median of `requests` sequential calls after warm-up,
 * each timed to the last byte of the body. boardBytes: the body gzipped (zlib level 6, what a gzip
 * proxy or `compression` middleware would send); the raw size is kept as an extra, and so are the bytes on the
 * wire (and the time) of the answer to a request that accepts gzip and br, as a browser's does.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { percentile } from '../lib/stats.mjs';

function get(agent, base, path, token, acceptEncoding) {
  const url = new URL(base);
  const headers = { authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, path, agent, headers, timeout: 30_000 }, (res) => {
      const chunks = [];
      let first = null;
      res.on('data', (d) => {
        first ??= performance.now();
        chunks.push(d);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
          ttfbMs: (first ?? performance.now()) - started,
          headers: res.headers,
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function boardApi({ url, token, requests = 20, warmup = 3 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < warmup; i++) await get(agent, url, '/api/board', token);
  const times = [];
  const ttfb = [];
  let last;
  for (let i = 0; i < requests; i++) {
    last = await get(agent, url, '/api/board', token);
    if (last.status !== 200) throw new Error(`GET /api/board → ${last.status}`);
    times.push(last.ms);
    ttfb.push(last.ttfbMs);
  }
  // What a browser gets: the same answer with `Accept-Encoding` as Chromium sends it, bytes as they cross the wire.
  const wire = [];
  let compressed;
  for (let i = 0; i < Math.max(3, Math.ceil(requests / 4)); i++) {
    compressed = await get(agent, url, '/api/board', token, 'gzip, deflate, br');
    wire.push(compressed.ms);
  }
  agent.destroy();
  const board = JSON.parse(last.body.toString('utf8'));
  return {
    boardApiMs: percentile(times, 50),
    boardBytes: gzipSync(last.body, { level: 6 }).length,
    boardWireBytes: compressed.body.length,
    boardWireMs: percentile(wire, 50),
    extra: {
      cards: board.cards.length,
      rawBytes: last.body.length,
      p90Ms: percentile(times, 90),
      timesMs: times.map((t) => Math.round(t)),
      ttfbP50Ms: percentile(ttfb, 50),
      servedEncoding: last.headers['content-encoding'] ?? 'identity',
      wireEncoding: compressed.headers['content-encoding'] ?? 'identity',
    },
  };
}
