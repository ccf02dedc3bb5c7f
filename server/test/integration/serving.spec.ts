import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@relay/shared';
import request from 'supertest';
import { freshDatabase } from '../support/test-app.js';
import { routes } from '../kit/index.js';
import { teamOn } from '../support/process-clients.js';
import { demoEnv, ensureServerBuilt, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { until } from '../support/until.js';

/** A built board in miniature: the index, an asset, and a file where only the API may answer. */
function clientDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relay-client-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Relay board</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'board.js'), 'console.log("board")');
  // Larger than the 1 kB below which nothing is compressed.
  writeFileSync(join(dir, 'assets', 'big.js'), `console.log(${JSON.stringify('relay '.repeat(2000))})`);
  // A source map a build left behind: never served.
  writeFileSync(join(dir, 'assets', 'board.js.map'), '{"version":3,"sources":["../src/secret.ts"]}');
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'api', 'board'), 'not the API');
  return dir;
}

/** The fields of a log line these tests read. */
interface LogLine {
  app?: string;
  level?: number;
  msg?: string;
  context?: string;
  req?: { method: string; url: string; remoteAddress?: string; userId?: string };
  res?: { statusCode: number };
  responseTime?: number;
}

describe('the production process: the board, the API beside it, and its request log', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    ensureServerBuilt();
    server = await startServerProcess({
      ...demoEnv(await freshDatabase()),
      RELAY_SOCKET_ADAPTER: 'none',
      RELAY_CLIENT_DIR: clientDir(),
      LOG_LEVEL: 'info',
    });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** The JSON lines the process has written so far. */
  const logLines = () =>
    server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);

  it('serves the board and its client-side routes, and never a file under /api or /socket.io', async () => {
    const http = request(server.url);
    const index = await http.get('/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('Relay board');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await http.get('/assets/board.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=3600');
    expect((await http.get('/cards/some-card')).text).toContain('Relay board');
    // The API answers its own paths, even where the client directory holds a file of that name.
    const api = await http.get('/api/board');
    expect(api.status).toBe(401);
    expect(api.body.code).toBe('UNAUTHENTICATED');
    const missing = await http.get('/api/no-such-thing').set('Authorization', 'Bearer x');
    expect(missing.status).not.toBe(200);
    expect(missing.text).not.toContain('Relay board');
  });

  it('sends the security headers, compresses what is large, and serves no source map', async () => {
    const http = request(server.url);
    for (const path of ['/', '/assets/board.js', '/api/board', '/api/docs', '/api/nope']) {
      const res = await http.get(path);
      expect([path, String(res.headers['content-security-policy'])]).toEqual([path, expect.stringContaining("frame-ancestors 'none'")]);
      expect([path, res.headers['x-content-type-options'], res.headers['x-frame-options']]).toEqual([path, 'nosniff', 'DENY']);
    }
    const big = await http.get('/assets/big.js').set('Accept-Encoding', 'gzip, br');
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.text).toContain('relay relay');
    expect((await http.get('/assets/big.js').set('Accept-Encoding', 'gzip')).headers['content-encoding']).toBe('gzip');
    const map = await http.get('/assets/board.js.map');
    expect(map.status).toBe(404);
    expect(map.text).not.toContain('secret');
    // The OpenAPI page's own assets load under the CSP: scripts from files, no inline script.
    const page = await http.get('/api/docs');
    for (const src of [...page.text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]))
      expect([src, (await http.get(new URL(src, `${server.url}/api/docs/`).pathname)).status]).toEqual([src, 200]);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
  });

  it('serves the OpenAPI document and the browsable page with its assets', async () => {
    const http = request(server.url);
    const doc = await http.get('/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain('/api/cards/{id}/move');
    const page = await http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/swagger/i);
    expect((await http.get('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('logs one JSON line per request with method, URL, status and time, and never a header, token or password', async () => {
    const http = request(server.url);
    const login = await http.post('/api/auth/login').send({ email: 'ops@relay.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const token: string = login.body.token;
    const cookie = login.headers['set-cookie'];
    await http.get('/api/auth/me?probe=1').set('Authorization', `Bearer ${token}`).set('Cookie', cookie).expect(200);
    await http.get('/api/health').expect(200);
    await until(() => logLines().some((l) => l.req?.url === '/api/auth/me?probe=1'));
    const lines = logLines();
    const me = lines.find((l) => l.req?.url === '/api/auth/me?probe=1')!;
    expect(me).toMatchObject({
      app: 'relay',
      msg: 'request completed',
      req: { method: 'GET', remoteAddress: '127.0.0.1', userId: login.body.user.id },
      res: { statusCode: 200 },
    });
    expect(typeof me.responseTime).toBe('number');
    const signIn = lines.find((l) => l.req?.url === '/api/auth/login')!;
    expect(signIn).toMatchObject({ res: { statusCode: 200 } });
    expect(signIn.req!.userId).toBeUndefined(); // a public route: nobody was signed in yet
    expect(lines.some((l) => l.req?.url === '/api/health')).toBe(false);
    // (The process's own start-up banner names the demo password; the log lines must not.)
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text.toLowerCase()).not.toContain('authorization');
    // Nest's own logs go through the same logger, with their context.
    expect(lines.some((l) => l.context === 'NestApplication' && l.level === 30)).toBe(true);
  });

  it('logs no invitation or tracking-link token: the URL is logged with the token redacted', async () => {
    const http = request(server.url);
    const created = await teamOn(server.url)
      .as('admin')
      .send(routes.createUser({ name: 'Lena Logged', email: 'lena@relay.test', role: 'staff', departments: ['hr'] }));
    expect(created.status).toBe(201);
    const invite = new URL(created.body.inviteUrl as string).searchParams.get('invite')!;
    expect(invite.length).toBeGreaterThan(20);
    expect((await http.get(`/?view=board&invite=${invite}`)).status).toBe(200);
    await http.get('/track/customer-link-token-1234?lang=en');
    await http.get('/api/track/customer-link-token-5678/files/1');
    await until(() => logLines().some((l) => l.req?.url.startsWith('/api/track/')));
    const lines = logLines().filter((l) => l.req);
    expect(lines.map((l) => l.req!.url)).toEqual(
      expect.arrayContaining(['/?view=board&invite=[redacted]', '/track/[redacted]?lang=en', '/api/track/[redacted]/files/1']),
    );
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(text).not.toContain(invite);
    expect(text).not.toContain('customer-link-token');
    // The token still works for the invitee: it was only kept out of the log.
    const accepted = await http.post('/api/auth/accept-invite').send({ token: invite, password: 'harbour-lantern-42' });
    expect(accepted.status).toBe(200);
  });
});
