import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@relay/shared';
import { io, type Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { createCard } from '../factories/cards.js';
import type { Reply } from '../kit/index.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const EVIL = 'http://evil.example';

/** A built board in miniature, enough for the HTML responses. */
function clientDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relay-client-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Relay board</title><script type="module" src="/assets/app.js"></script>');
  return dir;
}

/** Opens a socket with these handshake headers; resolves with the refusal's message, or 'connected'. */
async function handshake(url: string, token: string, headers: Record<string, string>, transport: 'websocket' | 'polling' = 'websocket') {
  const s: Socket = io(url, { path: '/socket.io', transports: [transport], auth: { token }, extraHeaders: headers, reconnection: false });
  try {
    return await new Promise<string>((resolve) => {
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', (err) => resolve(err.message));
    });
  } finally {
    s.disconnect();
  }
}

describe('the browser boundary: trusted proxies, origins, headers, compression', () => {
  let t: TestApp;
  /** Trusts no proxy, and is reached at a public URL other than its listening address. */
  let strict: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clientDir: clientDir() });
    strict = await startTestApp({
      trustProxy: loadConfig({ RELAY_TRUST_PROXY: 'false' }).trustProxy,
      publicUrl: 'https://relay.example.com/board',
    });
  });
  afterAll(async () => {
    await t?.close();
    await strict?.close();
  });

  describe('RELAY_TRUST_PROXY', () => {
    const failFrom = (app: TestApp, forwarded: string) =>
      app.http.post('/api/auth/login').set('X-Forwarded-For', forwarded).send({ email: 'nobody@relay.test', password: 'wrong-password' });
    const addresses = async (app: TestApp) =>
      (await app.db.query(`SELECT DISTINCT address FROM login_failures`)).map((r: { address: string }) => r.address).sort();

    it('by default believes X-Forwarded-For from loopback (the tests connect from loopback, as a local proxy would)', async () => {
      await t.db.query('DELETE FROM login_failures');
      expect((await failFrom(t, '203.0.113.7')).status).toBe(401);
      expect(await addresses(t)).toEqual(['203.0.113.7']);
      await t.db.query('DELETE FROM login_failures');
    });

    it('when the peer is not trusted, a spoofed X-Forwarded-For neither changes the address counted nor escapes its limit', async () => {
      await strict.db.query('DELETE FROM login_failures');
      expect((await failFrom(strict, '203.0.113.7')).status).toBe(401);
      const [own] = await addresses(strict);
      expect(own).toMatch(/127\.0\.0\.1$/);
      expect(await addresses(strict)).toEqual([own]);
      // This address has used up its failures: inventing another address in the header does not help.
      await strict.db.query(
        `INSERT INTO login_failures (email, address) SELECT 'x' || g || '@relay.test', $1 FROM generate_series(1, 60) g`,
        [own],
      );
      const res = await strict.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', '198.51.100.9')
        .send({ email: 'ops@relay.test', password: DEMO_PASSWORD });
      expect(res.status).toBe(429);
      await strict.db.query('DELETE FROM login_failures');
    });

    it('is Express’s trust-proxy syntax, validated at start-up', () => {
      const trust = (value: string) => loadConfig({ RELAY_TRUST_PROXY: value }).trustProxy;
      expect(trust('')('127.0.0.1', 0)).toBe(true);
      expect(trust('')('::1', 0)).toBe(true);
      expect(trust('')('10.0.0.5', 0)).toBe(false);
      expect(trust('false')('127.0.0.1', 0)).toBe(false);
      expect(trust('true')('8.8.8.8', 5)).toBe(true);
      expect([trust('2')('8.8.8.8', 0), trust('2')('8.8.8.8', 1), trust('2')('8.8.8.8', 2)]).toEqual([true, true, false]);
      const list = trust('10.0.0.0/8, 192.168.1.1, linklocal');
      expect([list('10.1.2.3', 0), list('192.168.1.1', 0), list('169.254.0.1', 0), list('192.168.1.2', 0), list('127.0.0.1', 0)]).toEqual([
        true,
        true,
        true,
        false,
        false,
      ]);
      expect(trust('Uniquelocal')('172.16.0.1', 0)).toBe(true);
      for (const bad of ['not-an-address', '10.0.0.0/99', '10.0.0.1,,10.0.0.2', 'loopback;rm'])
        expect(() => loadConfig({ RELAY_TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ RELAY_TRUST_PROXY: 'nope' })).toThrow(/^Invalid configuration: RELAY_TRUST_PROXY must be/);
      expect(() => loadConfig({ RELAY_PUBLIC_URL: 'relay.example.com' })).toThrow(/RELAY_PUBLIC_URL must be a URL/);
    });
  });

  describe('origin checks', () => {
    it('answers 403 CROSS_ORIGIN to a POST, PUT, PATCH or DELETE sent from another origin, and changes nothing', async () => {
      const card = await createCard(t, { customerName: 'Cross Origin Co' });
      const ops = t.api('ops');
      const before = (await ops.get(`/api/cards/${card.id}`)).body.version;
      const attempts: [string, () => Promise<Reply>][] = [
        ['POST comment', () => ops.post(`/api/cards/${card.id}/comments`, { body: 'hi' }, { headers: { Origin: EVIL } })],
        ['PATCH card', () => ops.patch(`/api/cards/${card.id}`, { version: before, notes: 'x' }, { headers: { Origin: EVIL } })],
        ['PUT preferences', () => ops.put('/api/me/preferences', {}, { headers: { Origin: EVIL } })],
        [
          'DELETE item',
          () => ops.delete(`/api/cards/${card.id}/checklist/${card.checklists[0].items[0].id}`, { headers: { Origin: EVIL } }),
        ],
        [
          'POST login',
          () => t.anonymous.post('/api/auth/login', { email: 'ops@relay.test', password: DEMO_PASSWORD }, { headers: { Origin: EVIL } }),
        ],
        ['POST logout, by Referer', () => ops.post('/api/auth/logout', undefined, { headers: { Referer: `${EVIL}/page?x=1` } })],
        [
          'a null Origin (sandboxed frame)',
          () => ops.post(`/api/cards/${card.id}/comments`, { body: 'hi' }, { headers: { Origin: 'null' } }),
        ],
        [
          'same host, other port',
          () => ops.post(`/api/cards/${card.id}/comments`, { body: 'hi' }, { headers: { Origin: 'http://127.0.0.1:1' } }),
        ],
        [
          'same host, other scheme',
          () => ops.post(`/api/cards/${card.id}/comments`, { body: 'hi' }, { headers: { Origin: t.url.replace('http:', 'https:') } }),
        ],
      ];
      for (const [name, send] of attempts) {
        const res = await send();
        expect([name, res.status, res.body]).toEqual([name, 403, expect.objectContaining({ statusCode: 403, code: 'CROSS_ORIGIN' })]);
      }
      const after = (await ops.get(`/api/cards/${card.id}`)).body;
      expect(after.version).toBe(before);
      expect((await ops.get(`/api/cards/${card.id}/comments`)).body).toEqual([]);
      expect((await ops.get('/api/auth/me')).status).toBe(200); // the logout was refused
    });

    it('accepts the same origin, RELAY_PUBLIC_URL’s origin, and requests with neither Origin nor Referer (scripts)', async () => {
      const card = await createCard(t, { customerName: 'Same Origin Co' });
      const ops = t.api('ops');
      const comment = (headers: Record<string, string>) => ops.post(`/api/cards/${card.id}/comments`, { body: 'hi' }, { headers });
      expect((await comment({ Origin: t.url })).status).toBe(201);
      expect((await comment({ Referer: `${t.url}/?card=${card.id}` })).status).toBe(201);
      expect((await comment({})).status).toBe(201);
      // GETs are never refused: reading cannot be forged into a change.
      expect((await ops.get('/api/board', { headers: { Origin: EVIL } })).status).toBe(200);
      // Reached through its public URL (another host than the one it listens on).
      const s = strict.api('ops');
      const strictCard = await createCard(strict, { customerName: 'Public Url Co' });
      const post = (origin: string) => s.post(`/api/cards/${strictCard.id}/comments`, { body: 'hi' }, { headers: { Origin: origin } });
      expect((await post('https://relay.example.com')).status).toBe(201);
      expect((await post('https://relay.example.com.evil.example')).status).toBe(403);
    });

    it('takes the origin a trusted proxy forwarded (X-Forwarded-Proto and -Host), and only from a trusted proxy', async () => {
      const forwarded = {
        Origin: 'https://relay.internal.example',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Host': 'relay.internal.example',
      };
      const login = (app: TestApp) =>
        app.http.post('/api/auth/login').set(forwarded).send({ email: 'ops@relay.test', password: DEMO_PASSWORD });
      const trusted = await login(t);
      expect(trusted.status).toBe(200);
      // Behind TLS at the proxy, the session cookie is Secure.
      expect(String(trusted.headers['set-cookie'])).toMatch(/Secure/);
      expect((await login(strict)).status).toBe(403);
    });

    it('refuses a socket.io handshake from another origin, over WebSocket and long-polling, and accepts its own', async () => {
      const token = await t.token('cx');
      expect(await handshake(t.url, token, { origin: EVIL })).toBe('CROSS_ORIGIN');
      expect(await handshake(t.url, token, { origin: EVIL }, 'polling')).toBe('CROSS_ORIGIN');
      expect(await handshake(t.url, token, { origin: 'http://127.0.0.1:1' })).toBe('CROSS_ORIGIN');
      expect(await handshake(t.url, token, { origin: t.url })).toBe('connected');
      expect(await handshake(t.url, token, { origin: t.url }, 'polling')).toBe('connected');
      expect(await handshake(t.url, token, {})).toBe('connected');
      // The refusal comes before the session is even looked at.
      expect(await handshake(t.url, 'not-a-token', { origin: EVIL })).toBe('CROSS_ORIGIN');
      expect(await handshake(t.url, 'not-a-token', { origin: t.url })).toBe('UNAUTHENTICATED');
    });
  });

  describe('headers on every response', () => {
    const expectSecurityHeaders = (res: Response, what: string) => {
      const csp = String(res.headers['content-security-policy']);
      expect([what, csp]).toEqual([what, expect.stringContaining("script-src 'self'")]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect([what, res.headers['x-content-type-options']]).toEqual([what, 'nosniff']);
      expect([what, res.headers['referrer-policy']]).toEqual([what, 'no-referrer']);
      expect([what, res.headers['x-frame-options']]).toEqual([what, 'DENY']);
      expect(res.headers['x-powered-by']).toBeUndefined();
    };

    it('sends CSP, nosniff, Referrer-Policy and a frame policy on HTML, API JSON, errors and 404s', async () => {
      const ops = await t.as('ops');
      const html = await t.http.get('/');
      expect(html.status).toBe(200);
      expectSecurityHeaders(html, 'index.html');
      expectSecurityHeaders(await t.http.get('/cards/x'), 'client route');
      const json = await t.http.get('/api/board').set(ops);
      expect(json.status).toBe(200);
      expectSecurityHeaders(json, 'API JSON');
      const unauthenticated = await t.http.get('/api/board');
      expect(unauthenticated.status).toBe(401);
      expectSecurityHeaders(unauthenticated, '401');
      const missing = await t.http.get('/api/no-such-route').set(ops);
      expect(missing.status).toBe(404);
      expectSecurityHeaders(missing, '404');
      const refused = await t.http.post('/api/auth/logout').set(ops).set('Origin', EVIL);
      expectSecurityHeaders(refused, '403 CROSS_ORIGIN');
      const docs = await t.http.get('/api/docs');
      expect(docs.status).toBe(200);
      expectSecurityHeaders(docs, 'OpenAPI page');
      expect(docs.text).not.toMatch(/<script>[^<]/); // its scripts are files, which the CSP allows
    });

    it('marks API answers no-store, errors included; the board’s HTML is no-cache', async () => {
      const ops = await t.as('ops');
      expect((await t.http.get('/api/board').set(ops)).headers['cache-control']).toBe('no-store');
      expect((await t.http.get('/api/auth/me').set(ops)).headers['cache-control']).toBe('no-store');
      expect((await t.http.get('/api/board')).headers['cache-control']).toBe('no-store');
      expect((await t.http.get('/api/nope').set(ops)).headers['cache-control']).toBe('no-store');
      expect((await t.http.get('/')).headers['cache-control']).toBe('no-cache');
    });
  });

  describe('compression', () => {
    it('gzips or brotli-compresses responses over 1 kB when the client accepts it, and leaves small ones alone', async () => {
      const ops = await t.as('ops');
      const gz = await t.http.get('/api/board').set(ops).set('Accept-Encoding', 'gzip');
      expect(gz.status).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.body.lanes.length).toBeGreaterThan(0); // still the board, once decoded
      const br = await t.http.get('/api/board').set(ops).set('Accept-Encoding', 'br, gzip');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.body.lanes.length).toBe(gz.body.lanes.length);
      const plain = await t.http.get('/api/board').set(ops).set('Accept-Encoding', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Number(plain.headers['content-length'] ?? plain.text.length)).toBeGreaterThan(1024);
      const small = await t.http.get('/api/auth/me').set(ops).set('Accept-Encoding', 'gzip');
      expect(small.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('who may be added, and what files are called', () => {
    const addPerson = async (email: string) =>
      t.api('admin').post('/api/users', { name: 'Look Alike', email, role: 'staff', departments: ['hr'] });

    it('refuses an email that could pass for another person’s: mixed scripts, invisible characters, unnormalised forms', async () => {
      for (const [email, why] of [
        ['\u0430dmin@relay.test', /several scripts/], // Cyrillic а beside admin@relay.test
        ['ad\u200bmin@relay.test', /invisible/],
        ['admin\u202e@relay.test', /invisible|text-direction/],
        ['\uff41dmin@relay.test', /plain form \(admin@relay.test\)/],
      ] as const) {
        const res = await addPerson(email);
        expect([email, res.status, res.body.details?.fields?.[0]]).toEqual([
          email,
          400,
          { field: 'email', message: expect.stringMatching(why) },
        ]);
      }
      expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE name = 'Look Alike'`))[0].n).toBe(0);
      // A real international address of one script is fine.
      expect((await addPerson('josé.núñez@relay.test')).status).toBe(201);
      expect(() => loadConfig({ RELAY_ADMIN_EMAIL: '\u0430dmin@relay.test', RELAY_ADMIN_PASSWORD: 'long-enough-pass' })).toThrow(
        /RELAY_ADMIN_EMAIL mixes letters of several scripts/,
      );
    });

    it('stores a non-ASCII attachment name as it was sent and gives it back in the download’s Content-Disposition', async () => {
      const card = await createCard(t, { customerName: 'Émoji Café' });
      const name = 'Contrat signé – émoji 😀.pdf';
      const upload = await t.http
        .post(`/api/cards/${card.id}/attachments`)
        .set(await t.as('sales'))
        .attach('file', Buffer.from('%PDF-1.4 tiny'), { filename: name, contentType: 'application/pdf' });
      expect(upload.status).toBe(201);
      expect(upload.body.name).toBe(name);
      const download = await t.api('ops').get(`/api/cards/${card.id}/attachments/${upload.body.id}`);
      expect(download.status).toBe(200);
      const disposition = String(download.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe(name);
      expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    });
  });
});
