import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type BoardResponse, type Card, DEMO_PASSWORD, ERROR_STATUS, type ErrorCode } from '@relay/shared';
import type { RelayConfig } from '../../src/config/config.js';
import { RELAY_CONFIG } from '../../src/config/config.module.js';
import { createCard, itemByLabel, salesForm } from '../factories/cards.js';
import type { Reply } from '../kit/index.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/**
 * No request, however malformed, produces a 500: every endpoint the controllers declare gets a
 * battery of bad input, and each refusal must be a 4xx in the error shape of API.md that names
 * the offending field (for a 400) and leaves nothing half-written behind.
 */

const MAX_UPLOAD_BYTES = 1024;
const UNKNOWN_ID = '7d8e0f1a-2b3c-4d5e-8f60-718293a4b5c6';
const big = (n: number) => 'x'.repeat(n);

type Headers = Record<string, string>;
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
const upper = (method: Method) => method.toUpperCase() as Uppercase<Method>;
/** An answer: the kit's `Reply`, or supertest's for raw bodies (fetch sends none with a GET) and hand-built multiparts. */
type Answer = Pick<Reply, 'status' | 'body' | 'headers'>;
interface Case {
  name: string;
  send: () => PromiseLike<Answer>;
  /** The status expected, or the statuses allowed. */
  status: number | number[];
  /** For a 400: the field the message or `details.fields` must name. */
  field?: string;
  /** When the refusal must carry this code. */
  code?: ErrorCode;
}

/** What is wrong with a refusal, as readable lines (empty when it is right). */
function refusalProblems(res: Answer, expected: number | number[], field?: string, code?: ErrorCode): string[] {
  const allowed = [expected].flat();
  const body = (res.body ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown; details?: { fields?: { field: string }[] } };
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`answered ${res.status}: a server error`);
  if (!allowed.includes(res.status)) problems.push(`answered ${res.status}, expected ${allowed.join(' or ')}`);
  if (!/json/.test(res.headers['content-type'] ?? '')) problems.push(`content type ${res.headers['content-type']}, expected JSON`);
  if (body.statusCode !== res.status) problems.push(`statusCode ${String(body.statusCode)} differs from the HTTP status ${res.status}`);
  if (typeof body.code !== 'string' || ERROR_STATUS[body.code as ErrorCode] !== res.status)
    problems.push(`code ${String(body.code)} is not a code answering ${res.status}`);
  if (code && body.code !== code) problems.push(`code ${String(body.code)}, expected ${code}`);
  if (typeof body.message !== 'string' || body.message.trim() === '') problems.push('no message');
  if (field && res.status === 400) {
    const fields = body.details?.fields?.map((f) => f.field) ?? [];
    const named =
      (typeof body.message === 'string' && body.message.includes(field)) || fields.some((f) => f === field || f.startsWith(`${field}.`));
    if (!named) problems.push(`does not name "${field}"`);
  }
  return problems.length ? [...problems, `body: ${JSON.stringify(res.body).slice(0, 600)}`] : [];
}

/** Sends a JSON text as it is (malformed, or a bare string, number or null). */
const rawJson = (text: string) => ({ type: 'application/json', text });

/** Deeply nested arrays: tiny on the wire, deep enough to exhaust a recursive walker. */
const deeplyNested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('malformed requests never produce a 500', () => {
  let t: TestApp;
  let board: BoardResponse;
  let card: Card;
  let otherCard: Card;
  let attachmentId: string;
  let opsUserId: string;
  const h: Record<string, Headers> = {};

  /** Everything a refused write could have half-written, in one comparable snapshot. */
  const fingerprint = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*) FROM cards)::int AS cards, (SELECT COALESCE(sum(version), 0) FROM cards)::int AS versions,
              (SELECT count(*) FROM card_events)::int AS "cardEvents", (SELECT count(*) FROM checklist_values)::int AS "values",
              (SELECT count(*) FROM comments)::int AS comments, (SELECT count(*) FROM attachments)::int AS attachments,
              (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM user_departments)::int AS memberships,
              (SELECT string_agg(role || active::text, ',' ORDER BY id) FROM users) AS roles,
              (SELECT count(*) FROM board_events)::int AS "boardEvents", (SELECT sum(last_seq) FROM pipelines)::int AS seq,
              (SELECT count(*) FROM notifications)::int AS notifications, (SELECT count(*) FROM reminders)::int AS reminders,
              (SELECT count(*) FROM email_outbox)::int AS emails, (SELECT count(*) FROM notification_preferences)::int AS preferences,
              (SELECT string_agg(concat_ws('/', name, department_key, time_limit_hours), ',' ORDER BY position) FROM lanes) AS lanes,
              (SELECT string_agg(concat_ws('/', label, required, position, retired_at IS NULL, options, rules), ',' ORDER BY id) FROM checklist_items) AS items,
              (SELECT string_agg(key || '/' || name, ',' ORDER BY key) FROM departments) AS departments,
              (SELECT count(*) FROM admin_audit)::int AS audit, (SELECT count(*) FROM invites WHERE used_at IS NOT NULL)::int AS "usedInvites"`)
    )[0];

  /** Runs a case: a 4xx of the right shape, and the database exactly as it was. */
  async function expectRefusedWithoutTrace({ send, status, field, code }: Case): Promise<void> {
    const before = await fingerprint();
    const res = await send();
    expect(refusalProblems(res, status, field, code)).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }

  /** Sends a body exactly as given, with its content type: through supertest, since fetch sends no body with a GET. */
  const sendRaw = (method: Method, path: string, who: string | null, body: { type: string; text: string }) =>
    t.http[method](path)
      .set(who ? h[who] : {})
      .set('Content-Type', body.type)
      .send(body.text);
  const item = (lane: string, label: string) => itemByLabel(board, lane, label).id;
  const cardUrl = (suffix = '') => `/api/cards/${card.id}${suffix}`;
  const version = async () => Number((await t.db.query('SELECT version FROM cards WHERE id = $1', [card.id]))[0].version);

  beforeAll(async () => {
    t = await startTestApp({ maxUploadBytes: MAX_UPLOAD_BYTES });
    for (const who of ['sales', 'ops', 'cx', 'manager', 'admin']) h[who] = await t.as(who);
    board = await t.board();
    card = await createCard(t, { customerName: 'Malformed Mills' });
    otherCard = await createCard(t, { customerName: 'Other Outfit' });
    attachmentId = await t.api('sales').upload(otherCard.id, { name: 'contract.pdf', type: 'application/pdf', content: '%PDF-1.4 small' });
    opsUserId = (await t.api('ops').get('/api/auth/me')).body.user.id;
    // The set-up's board events are numbered after commit, as the hub publishes them: let that finish, so a
    // case's before-and-after snapshot sees only what the case itself did.
    await until(async () => Number((await t.db.query('SELECT count(*) AS n FROM board_events WHERE seq IS NULL'))[0].n) === 0, 5000);
  });
  afterAll(() => t.close());

  describe('any endpoint, whatever its body', () => {
    const endpoints: [label: string, method: Method, path: () => string, who: string | null][] = [
      ['POST /api/auth/login', 'post', () => '/api/auth/login', null],
      ['POST /api/auth/logout', 'post', () => '/api/auth/logout', 'cx'],
      ['GET /api/auth/me', 'get', () => '/api/auth/me', 'cx'],
      ['GET /api/users', 'get', () => '/api/users', 'admin'],
      ['POST /api/users', 'post', () => '/api/users', 'admin'],
      ['PATCH /api/users/:id', 'patch', () => `/api/users/${opsUserId}`, 'admin'],
      ['GET /api/board', 'get', () => '/api/board', 'ops'],
      ['GET /api/board/events', 'get', () => '/api/board/events?after=0', 'ops'],
      ['POST /api/cards', 'post', () => '/api/cards', 'sales'],
      ['GET /api/cards/:id', 'get', () => cardUrl(), 'ops'],
      ['PATCH /api/cards/:id', 'patch', () => cardUrl(), 'ops'],
      ['PUT /api/cards/:id/checklist/:itemId', 'put', () => cardUrl(`/checklist/${item('intake', 'Sales information reviewed')}`), 'ops'],
      [
        'DELETE /api/cards/:id/checklist/:itemId',
        'delete',
        () => cardUrl(`/checklist/${item('intake', 'Sales information reviewed')}`),
        'ops',
      ],
      ['POST /api/cards/:id/move', 'post', () => cardUrl('/move'), 'ops'],
      ['GET /api/cards/:id/events', 'get', () => cardUrl('/events'), 'ops'],
      ['GET /api/cards/:id/comments', 'get', () => cardUrl('/comments'), 'ops'],
      ['POST /api/cards/:id/comments', 'post', () => cardUrl('/comments'), 'ops'],
      ['POST /api/cards/:id/pickup', 'post', () => cardUrl('/pickup'), 'ops'],
      ['POST /api/cards/:id/attachments', 'post', () => cardUrl('/attachments'), 'ops'],
      ['GET /api/cards/:id/attachments/:attachmentId', 'get', () => `/api/cards/${otherCard.id}/attachments/${attachmentId}`, 'ops'],
      ['GET /api/health', 'get', () => '/api/health', null],
      ['POST /api/auth/accept-invite', 'post', () => '/api/auth/accept-invite', null],
      ['GET /api/notifications', 'get', () => '/api/notifications', 'ops'],
      ['POST /api/notifications/read-all', 'post', () => '/api/notifications/read-all', 'ops'],
      ['POST /api/notifications/:id/read', 'post', () => `/api/notifications/${UNKNOWN_ID}/read`, 'ops'],
      ['GET /api/me/preferences', 'get', () => '/api/me/preferences', 'ops'],
      ['PUT /api/me/preferences', 'put', () => '/api/me/preferences', 'ops'],
      ['GET /api/stuck', 'get', () => '/api/stuck', 'manager'],
      ['GET /api/metrics', 'get', () => '/api/metrics', 'manager'],
      ['POST /api/cards/:id/remind', 'post', () => cardUrl('/remind'), 'ops'],
      ['POST /api/admin/stuck-scan', 'post', () => '/api/admin/stuck-scan', 'admin'],
      ['PATCH /api/lanes/:id', 'patch', () => `/api/lanes/${board.lanes[0].id}`, 'admin'],
      ['POST /api/lanes/:id/checklist', 'post', () => `/api/lanes/${board.lanes[0].id}/checklist`, 'admin'],
      ['PUT /api/lanes/:id/checklist/order', 'put', () => `/api/lanes/${board.lanes[0].id}/checklist/order`, 'admin'],
      ['PATCH /api/checklist-items/:id', 'patch', () => `/api/checklist-items/${board.lanes[0].checklist[0].id}`, 'admin'],
      ['DELETE /api/checklist-items/:id', 'delete', () => `/api/checklist-items/${board.lanes[0].checklist[0].id}`, 'admin'],
      ['GET /api/departments', 'get', () => '/api/departments', 'ops'],
      ['POST /api/departments', 'post', () => '/api/departments', 'admin'],
      ['PATCH /api/departments/:key', 'patch', () => '/api/departments/hr', 'admin'],
      ['DELETE /api/departments/:key', 'delete', () => '/api/departments/hr', 'admin'],
      ['GET /api/admin/audit', 'get', () => '/api/admin/audit', 'admin'],
    ];
    const cases: Case[] = endpoints.flatMap(([label, method, path, who]) => [
      {
        name: `${label}: malformed JSON → 400`,
        send: () => sendRaw(method, path(), who, rawJson('{"customerName": "Half')),
        status: 400,
        field: 'body',
      },
      {
        name: `${label}: a JSON body over 256 kB → 413`,
        send: () => sendRaw(method, path(), who, rawJson(JSON.stringify({ notes: big(300 * 1024) }))),
        status: 413,
      },
    ]);
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('JSON endpoints refuse a body that is not a JSON object', () => {
    const jsonEndpoints: [label: string, method: Method, path: () => string, who: string | null][] = [
      ['POST /api/auth/login', 'post', () => '/api/auth/login', null],
      ['POST /api/users', 'post', () => '/api/users', 'admin'],
      ['PATCH /api/users/:id', 'patch', () => `/api/users/${opsUserId}`, 'admin'],
      ['POST /api/cards', 'post', () => '/api/cards', 'sales'],
      ['PATCH /api/cards/:id', 'patch', () => cardUrl(), 'ops'],
      ['PUT /api/cards/:id/checklist/:itemId', 'put', () => cardUrl(`/checklist/${item('intake', 'Sales information reviewed')}`), 'ops'],
      ['POST /api/cards/:id/move', 'post', () => cardUrl('/move'), 'ops'],
      ['POST /api/cards/:id/comments', 'post', () => cardUrl('/comments'), 'ops'],
      ['POST /api/auth/accept-invite', 'post', () => '/api/auth/accept-invite', null],
      ['PUT /api/me/preferences', 'put', () => '/api/me/preferences', 'ops'],
      ['PATCH /api/lanes/:id', 'patch', () => `/api/lanes/${board.lanes[0].id}`, 'admin'],
      ['POST /api/lanes/:id/checklist', 'post', () => `/api/lanes/${board.lanes[0].id}/checklist`, 'admin'],
      ['PUT /api/lanes/:id/checklist/order', 'put', () => `/api/lanes/${board.lanes[0].id}/checklist/order`, 'admin'],
      ['PATCH /api/checklist-items/:id', 'patch', () => `/api/checklist-items/${board.lanes[0].checklist[0].id}`, 'admin'],
      ['POST /api/departments', 'post', () => '/api/departments', 'admin'],
      ['PATCH /api/departments/:key', 'patch', () => '/api/departments/hr', 'admin'],
    ];
    /**
     * Each body, and the field its refusal names: the body itself, except for a text/plain one, which the
     * server reads as no body at all (400 for what is then missing) or refuses as an unsupported type (415).
     */
    const bodies: [label: string, body: { type: string; text: string }, field?: string][] = [
      ['a JSON array', rawJson('[{"version": 1}]'), 'body'],
      ['an empty JSON array', rawJson('[]'), 'body'],
      ['a JSON string', rawJson('"hello"'), 'body'],
      ['a JSON number', rawJson('42'), 'body'],
      ['JSON null', rawJson('null'), 'body'],
      ['a text/plain body', { type: 'text/plain', text: '{"version": 1, "notes": "hi"}' }],
      ['arrays nested 50,000 deep', rawJson(`{"notes": ${deeplyNested(50_000)}}`), 'body'],
      ['objects nested 10,000 deep', rawJson(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`), 'body'],
    ];
    const cases: Case[] = jsonEndpoints.flatMap(([endpoint, method, path, who]) =>
      bodies.map(([label, body, field]) => ({
        name: `${endpoint}: ${label} → ${field ? '400' : '400 or 415'}`,
        status: field ? 400 : [400, 415],
        field,
        send: () => sendRaw(method, path(), who, body),
      })),
    );
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('an empty PATCH of a lane or checklist item changes nothing', () => {
    // Like cards and users: a PATCH with nothing to change is a 400, with no audit entry and no board.changed event.
    const cases: Case[] = [
      {
        name: 'PATCH /api/lanes/:id with nothing to change → 400',
        send: () => t.api('admin').patch(`/api/lanes/${board.lanes[0].id}`, {}),
        status: 400,
        field: 'body',
      },
      {
        name: 'PATCH /api/checklist-items/:id with nothing to change → 400',
        send: () => t.api('admin').patch(`/api/checklist-items/${board.lanes[0].checklist[0].id}`, {}),
        status: 400,
        field: 'body',
      },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('auth', () => {
    const login = (body: unknown) => t.anonymous.post('/api/auth/login', body as object);
    const cases: Case[] = [
      { name: 'login without a password', send: () => login({ email: 'ops@relay.test' }), status: 400, field: 'password' },
      { name: 'login without an email', send: () => login({ password: DEMO_PASSWORD }), status: 400, field: 'email' },
      { name: 'login with a number for the email', send: () => login({ email: 42, password: DEMO_PASSWORD }), status: 400, field: 'email' },
      {
        name: 'login with an object for the password',
        send: () => login({ email: 'ops@relay.test', password: { $ne: '' } }),
        status: 400,
        field: 'password',
      },
      {
        name: 'login with an array for the email',
        send: () => login({ email: ['ops@relay.test'], password: DEMO_PASSWORD }),
        status: 400,
        field: 'email',
      },
      {
        name: 'login with a huge email',
        send: () => login({ email: `${big(100_000)}@relay.test`, password: DEMO_PASSWORD }),
        status: 400,
        field: 'email',
      },
      {
        name: 'login with a huge password',
        send: () => login({ email: 'ops@relay.test', password: big(100_000) }),
        status: 400,
        field: 'password',
      },
      {
        name: 'login with an unknown field',
        send: () => login({ email: 'ops@relay.test', password: DEMO_PASSWORD, role: 'admin' }),
        status: 400,
        field: 'role',
      },
      { name: 'me without a session', send: () => t.anonymous.get('/api/auth/me'), status: 401 },
      {
        name: 'me with a garbage bearer token',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Authorization: 'Bearer not-a-token' } }),
        status: 401,
      },
      {
        name: 'me with a Basic authorization',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Authorization: 'Basic b3BzOnBhc3M=' } }),
        status: 401,
      },
      {
        name: 'me with a huge bearer token',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Authorization: `Bearer ${big(8000)}` } }),
        status: 401,
      },
      {
        name: 'me with a JSON-looking session cookie (j:1)',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Cookie: 'relay_session=j:1' } }),
        status: 401,
      },
      {
        name: 'me with a JSON-object session cookie',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Cookie: 'relay_session=j:%7B%22a%22%3A1%7D' } }),
        status: 401,
      },
      {
        name: 'me with a JSON-array session cookie',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Cookie: 'relay_session=j:%5B%22x%22%5D' } }),
        status: 401,
      },
      {
        name: 'me with a badly percent-encoded session cookie',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Cookie: 'relay_session=%E0%A4%A' } }),
        status: 401,
      },
      {
        name: 'me with an empty session cookie',
        send: () => t.anonymous.get('/api/auth/me', { headers: { Cookie: 'relay_session=' } }),
        status: 401,
      },
      { name: 'logout without a session', send: () => t.anonymous.post('/api/auth/logout'), status: 401 },
      {
        name: 'logout with a JSON-looking session cookie',
        send: () => t.anonymous.post('/api/auth/logout', undefined, { headers: { Cookie: 'relay_session=j:true' } }),
        status: 401,
      },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('users', () => {
    const newUser = (overrides: Record<string, unknown> = {}) => ({
      name: 'Pat Probe',
      email: 'pat@relay.test',
      role: 'staff',
      departments: ['hr'],
      ...overrides,
    });
    const create = (body: unknown) => t.api('admin').post('/api/users', body as object);
    const update = (id: string, body: unknown) => t.api('admin').patch(`/api/users/${id}`, body as object);
    const list = (query: string) => t.api('ops').get(`/api/users?${query}`);
    const without = (key: string) => {
      const u: Record<string, unknown> = newUser();
      delete u[key];
      return u;
    };
    const cases: Case[] = [
      { name: 'list with an unknown role', send: () => list('role=boss'), status: 400, field: 'role' },
      { name: 'list with two roles', send: () => list('role=staff&role=admin'), status: 400, field: 'role' },
      { name: 'list with a malformed department key', send: () => list('department=Not%20A%20Key!'), status: 400, field: 'department' },
      { name: 'list with a huge search', send: () => list(`q=${big(2000)}`), status: 400, field: 'q' },
      { name: 'list with an unknown parameter', send: () => list('sort=name'), status: 400, field: 'sort' },
      ...['name', 'email', 'role', 'departments'].map((key) => ({
        name: `create without ${key}`,
        send: () => create(without(key)),
        status: 400,
        field: key,
      })),
      { name: 'create with a number for the name', send: () => create(newUser({ name: 42 })), status: 400, field: 'name' },
      { name: 'create with a huge name', send: () => create(newUser({ name: big(10_000) })), status: 400, field: 'name' },
      { name: 'create with a malformed email', send: () => create(newUser({ email: 'not-an-email' })), status: 400, field: 'email' },
      { name: 'create with an unknown role', send: () => create(newUser({ role: 'boss' })), status: 400, field: 'role' },
      {
        name: 'create with an object for the departments',
        send: () => create(newUser({ departments: { hr: true } })),
        status: 400,
        field: 'departments',
      },
      {
        name: 'create with numbers in the departments',
        send: () => create(newUser({ departments: [1, 2] })),
        status: 400,
        field: 'departments',
      },
      {
        name: 'create with an unknown department',
        send: () => create(newUser({ departments: ['nowhere'] })),
        status: 400,
        field: 'departments',
      },
      {
        name: 'create with a department listed twice',
        send: () => create(newUser({ departments: ['hr', 'hr'] })),
        status: 400,
        field: 'departments',
      },
      {
        name: 'create with too many departments',
        send: () => create(newUser({ departments: Array.from({ length: 21 }, (_, i) => `d${i}`) })),
        status: 400,
        field: 'departments',
      },
      {
        name: 'create with a short password',
        send: () => create(newUser({ password: 'short' })),
        status: 400,
        field: 'password',
        code: 'WEAK_PASSWORD',
      },
      { name: 'create with an unknown field', send: () => create(newUser({ active: false })), status: 400, field: 'active' },
      { name: 'create with a taken email', send: () => create(newUser({ email: 'OPS@relay.test' })), status: 409, code: 'EMAIL_TAKEN' },
      { name: 'update a malformed id', send: () => update('42', { name: 'X' }), status: 400, field: 'id' },
      { name: 'update an unknown id', send: () => update(UNKNOWN_ID, { name: 'X' }), status: 404 },
      { name: 'update with a string for active', send: () => update(opsUserId, { active: 'no' }), status: 400, field: 'active' },
      { name: 'update with an unknown role', send: () => update(opsUserId, { role: 'boss' }), status: 400, field: 'role' },
      {
        name: 'update with a string for the departments',
        send: () => update(opsUserId, { departments: 'hr' }),
        status: 400,
        field: 'departments',
      },
      {
        name: 'update with a department listed twice',
        send: () => update(opsUserId, { departments: ['hr', 'hr'] }),
        status: 400,
        field: 'departments',
      },
      {
        name: 'update with an unknown department',
        send: () => update(opsUserId, { departments: ['nowhere'] }),
        status: 400,
        field: 'departments',
      },
      { name: 'update with an unknown field', send: () => update(opsUserId, { email: 'new@relay.test' }), status: 400, field: 'email' },
      { name: 'update with nothing to change', send: () => update(opsUserId, {}), status: 400, field: 'body' },
      {
        name: 'create by a non-admin, even malformed',
        send: () => t.api('manager').post('/api/users', { name: 5 }),
        status: 403,
      },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('board', () => {
    const events = (query: string) => t.api('ops').get(`/api/board/events${query}`);
    const cases: Case[] = [
      { name: 'events after=abc', send: () => events('?after=abc'), status: 400, field: 'after' },
      { name: 'events after=-1', send: () => events('?after=-1'), status: 400, field: 'after' },
      { name: 'events after=1.5', send: () => events('?after=1.5'), status: 400, field: 'after' },
      { name: 'events after=1e30', send: () => events('?after=1e30'), status: 400, field: 'after' },
      { name: 'events after a 30-digit number', send: () => events(`?after=${'9'.repeat(30)}`), status: 400, field: 'after' },
      { name: 'events after given twice', send: () => events('?after=1&after=2'), status: 400, field: 'after' },
      { name: 'events without after', send: () => events(''), status: 400, field: 'after' },
      { name: 'events with an unknown parameter', send: () => events('?after=0&limit=5'), status: 400, field: 'limit' },
      { name: 'the board without a session', send: () => t.anonymous.get('/api/board'), status: 401 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('creating a card (the sales form)', () => {
    const create = (body: unknown) => t.api('sales').post('/api/cards', body as object);
    const form = (overrides: Record<string, unknown>) => ({ ...salesForm(), ...overrides });
    const without = (key: string) => {
      const f: Record<string, unknown> = { ...salesForm() };
      delete f[key];
      return f;
    };
    const wrongTypes: [field: string, value: unknown][] = [
      ['customerName', 42],
      ['contactName', true],
      ['contactEmail', ['grace@gatekeeper.example']],
      ['contactPhone', 5550100],
      ['serviceAddress', { street: '12 Harbour Road' }],
      ['contractStartDate', 20261201],
      ['contractStartDate', '2026-02-30'],
      ['contractStartDate', '01/12/2026'],
      ['contractValue', '48000'],
      ['contractValue', -1],
      ['contractValue', 1e15],
      ['contractValue', 1e300],
      ['services', { janitorial: true }],
      ['services', 'janitorial'],
      ['services', []],
      ['services', [42]],
      ['specialConditions', ['none']],
      ['notes', { text: 'hi' }],
    ];
    const hugeStrings: [field: string, value: unknown][] = [
      ['customerName', big(10_000)],
      ['contactName', big(10_000)],
      ['contactEmail', `${big(10_000)}@gatekeeper.example`],
      ['contactPhone', big(1000)],
      ['serviceAddress', big(10_000)],
      ['services', [big(10_000)]],
      ['specialConditions', big(10_000)],
      ['notes', big(100_000)],
    ];
    const cases: Case[] = [
      ...['customerName', 'contactName', 'contactEmail', 'serviceAddress', 'contractStartDate', 'services'].map((key) => ({
        name: `without ${key}`,
        send: () => create(without(key)),
        status: 400,
        field: key,
      })),
      ...wrongTypes.map(([field, value]) => ({
        name: `${field} = ${JSON.stringify(value)}`,
        send: () => create(form({ [field]: value })),
        status: 400,
        field,
      })),
      ...hugeStrings.map(([field, value]) => ({
        name: `a huge ${field}`,
        send: () => create(form({ [field]: value })),
        status: 400,
        field,
      })),
      { name: 'a blank customer name', send: () => create(form({ customerName: '   ' })), status: 400, field: 'customerName' },
      {
        name: 'a NUL character in the customer name',
        send: () => create(form({ customerName: 'Null\u0000Foods' })),
        status: 400,
        field: 'customerName',
      },
      { name: 'an unknown field', send: () => create(form({ admin: true })), status: 400, field: 'admin' },
      { name: 'a laneId it may not choose', send: () => create(form({ laneId: UNKNOWN_ID })), status: 400, field: 'laneId' },
      { name: 'a version it may not choose', send: () => create(form({ version: 7 })), status: 400, field: 'version' },
      { name: 'an empty object', send: () => create({}), status: 400, field: 'customerName' },
      { name: 'by someone who may not create cards', send: () => t.api('cx').post('/api/cards', salesForm()), status: 403 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('reading a card, its events and comments', () => {
    const cases: Case[] = (['', '/events', '/comments'] as const).flatMap((suffix) => [
      {
        name: `GET /api/cards/:id${suffix} with a malformed id`,
        send: () => t.api('ops').get(`/api/cards/not-a-uuid${suffix}`),
        status: 400,
        field: 'id',
      },
      {
        name: `GET /api/cards/:id${suffix} with a badly encoded id`,
        send: () => t.api('ops').get(`/api/cards/%E0%A4%A${suffix}`),
        status: 400,
      },
      {
        name: `GET /api/cards/:id${suffix} with an unknown id`,
        send: () => t.api('ops').get(`/api/cards/${UNKNOWN_ID}${suffix}`),
        status: 404,
        code: 'NOT_FOUND' as ErrorCode,
      },
    ]);
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('editing a card', () => {
    const patch =
      (body: (v: number) => Record<string, unknown>, id = () => card.id) =>
      async () =>
        t.api('ops').patch(`/api/cards/${id()}`, body(await version()));
    const cases: Case[] = [
      { name: 'without a version', send: patch(() => ({ notes: 'hi' })), status: 400, field: 'version' },
      { name: 'a string version', send: patch((v) => ({ version: String(v), notes: 'hi' })), status: 400, field: 'version' },
      { name: 'a negative version', send: patch(() => ({ version: -1, notes: 'hi' })), status: 400, field: 'version' },
      { name: 'a zero version', send: patch(() => ({ version: 0, notes: 'hi' })), status: 400, field: 'version' },
      { name: 'a float version', send: patch((v) => ({ version: v + 0.5, notes: 'hi' })), status: 400, field: 'version' },
      { name: 'a null version', send: patch(() => ({ version: null, notes: 'hi' })), status: 400, field: 'version' },
      { name: 'a version beyond any integer column', send: patch(() => ({ version: 1e10, notes: 'hi' })), status: 400, field: 'version' },
      { name: 'a version of 1e300', send: patch(() => ({ version: 1e300, notes: 'hi' })), status: 400, field: 'version' },
      { name: 'only a version: nothing to change', send: patch((v) => ({ version: v })), status: 400, field: 'body' },
      { name: 'a number for the notes', send: patch((v) => ({ version: v, notes: 123 })), status: 400, field: 'notes' },
      { name: 'an empty customer name', send: patch((v) => ({ version: v, customerName: '' })), status: 400, field: 'customerName' },
      { name: 'a null customer name', send: patch((v) => ({ version: v, customerName: null })), status: 400, field: 'customerName' },
      { name: 'an object for the services', send: patch((v) => ({ version: v, services: { a: 1 } })), status: 400, field: 'services' },
      {
        name: 'a contract value too large to store',
        send: patch((v) => ({ version: v, contractValue: 1e13 })),
        status: 400,
        field: 'contractValue',
      },
      { name: 'a huge notes text', send: patch((v) => ({ version: v, notes: big(100_000) })), status: 400, field: 'notes' },
      { name: 'an unknown risk flag', send: patch((v) => ({ version: v, riskFlag: 'purple' })), status: 400, field: 'riskFlag' },
      { name: 'a red flag without a reason', send: patch((v) => ({ version: v, riskFlag: 'red' })), status: 400, field: 'riskReason' },
      {
        name: 'a number for the risk reason',
        send: patch((v) => ({ version: v, riskFlag: 'red', riskReason: 5 })),
        status: 400,
        field: 'riskReason',
      },
      {
        name: 'a string for the next action',
        send: patch((v) => ({ version: v, nextAction: 'call them' })),
        status: 400,
        field: 'nextAction',
      },
      {
        name: 'an array for the next action',
        send: patch((v) => ({ version: v, nextAction: ['call'] })),
        status: 400,
        field: 'nextAction',
      },
      {
        name: 'a next action without text',
        send: patch((v) => ({ version: v, nextAction: { text: '', ownerId: null, due: null } })),
        status: 400,
        field: 'nextAction.text',
      },
      {
        name: 'a next action with a bad due date',
        send: patch((v) => ({ version: v, nextAction: { text: 'Call', due: 'tomorrow' } })),
        status: 400,
        field: 'nextAction.due',
      },
      {
        name: 'a next action with a malformed owner',
        send: patch((v) => ({ version: v, nextAction: { text: 'Call', ownerId: 7 } })),
        status: 400,
        field: 'nextAction.ownerId',
      },
      {
        name: 'a next action with an extra key',
        send: patch((v) => ({ version: v, nextAction: { text: 'Call', priority: 1 } })),
        status: 400,
        field: 'nextAction',
      },
      {
        name: 'a last touch with an unknown channel',
        send: patch((v) => ({ version: v, lastTouch: { at: '2026-11-01', channel: 'pigeon' } })),
        status: 400,
        field: 'lastTouch.channel',
      },
      {
        name: 'a last touch with a bad date',
        send: patch((v) => ({ version: v, lastTouch: { at: 'yesterday', channel: 'email' } })),
        status: 400,
        field: 'lastTouch.at',
      },
      { name: 'a malformed assignee', send: patch((v) => ({ version: v, assigneeId: 'bob' })), status: 400, field: 'assigneeId' },
      { name: 'a number for the assignee', send: patch((v) => ({ version: v, assigneeId: 42 })), status: 400, field: 'assigneeId' },
      { name: 'an unknown assignee', send: patch((v) => ({ version: v, assigneeId: UNKNOWN_ID })), status: 400, field: 'assigneeId' },
      { name: 'an unknown field', send: patch((v) => ({ version: v, laneId: UNKNOWN_ID })), status: 400, field: 'laneId' },
      { name: 'a NUL character in the notes', send: patch((v) => ({ version: v, notes: 'a\u0000b' })), status: 400, field: 'notes' },
      {
        name: 'a NUL character in a service',
        send: patch((v) => ({ version: v, services: ['a\u0000b'] })),
        status: 400,
        field: 'services',
      },
      {
        name: 'a malformed card id',
        send: () => t.api('ops').patch('/api/cards/123', { version: 1, notes: 'hi' }),
        status: 400,
        field: 'id',
      },
      {
        name: 'an unknown card id',
        send: patch(
          (v) => ({ version: v, notes: 'hi' }),
          () => UNKNOWN_ID,
        ),
        status: 404,
      },
      { name: 'a stale version', send: patch((v) => ({ version: v + 1, notes: 'hi' })), status: 409, code: 'VERSION_CONFLICT' },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('checklist values', () => {
    const put = (lane: string, label: string, body: (v: number) => Record<string, unknown>) => async () =>
      t.api('ops').put(cardUrl(`/checklist/${item(lane, label)}`), body(await version()));
    const clear =
      (query: string, itemId = () => item('intake', 'Sales information reviewed'), id = () => card.id) =>
      () =>
        t.api('ops').delete(`/api/cards/${id()}/checklist/${itemId()}${query}`);
    const cases: Case[] = [
      { name: 'put without a value', send: put('intake', 'Sales information reviewed', () => ({})), status: 400, field: 'value' },
      { name: 'put a null value', send: put('intake', 'Sales information reviewed', () => ({ value: null })), status: 400, field: 'value' },
      {
        name: 'put "yes" on a tick',
        send: put('intake', 'Sales information reviewed', () => ({ value: 'yes' })),
        status: 400,
        field: 'value',
      },
      {
        name: 'put an object on a number',
        send: put('intake', 'Budgeted hours per week', () => ({ value: { hours: 12 } })),
        status: 400,
        field: 'value',
      },
      {
        name: 'put an array on a date',
        send: put('intake', 'Contract start date', () => ({ value: ['2026-12-01'] })),
        status: 400,
        field: 'value',
      },
      {
        name: 'put a huge string on a number',
        send: put('intake', 'Budgeted hours per week', () => ({ value: big(100_000) })),
        status: 400,
        field: 'value',
      },
      {
        name: 'put an unknown option on a choice',
        send: put('intake', 'Delivery model', () => ({ value: 'outsourced' })),
        status: 400,
        field: 'value',
      },
      {
        name: 'put an unknown person on a person item',
        send: put('intake', 'Supervisor assigned', () => ({ value: UNKNOWN_ID })),
        status: 400,
        field: 'value',
      },
      {
        name: 'put a number for the note',
        send: put('intake', 'Sales information reviewed', () => ({ value: true, note: 5 })),
        status: 400,
        field: 'note',
      },
      {
        name: 'put a string version',
        send: put('intake', 'Sales information reviewed', (v) => ({ value: true, version: String(v) })),
        status: 400,
        field: 'version',
      },
      {
        name: 'put a float version',
        send: put('intake', 'Sales information reviewed', (v) => ({ value: true, version: v + 0.5 })),
        status: 400,
        field: 'version',
      },
      {
        name: 'put a negative version',
        send: put('intake', 'Sales information reviewed', () => ({ value: true, version: -1 })),
        status: 400,
        field: 'version',
      },
      {
        name: 'put a version beyond any integer column',
        send: put('intake', 'Sales information reviewed', () => ({ value: true, version: 1e10 })),
        status: 400,
        field: 'version',
      },
      {
        name: 'put a stale version',
        send: put('intake', 'Sales information reviewed', (v) => ({ value: true, version: v + 1 })),
        status: 409,
        code: 'VERSION_CONFLICT',
      },
      {
        name: 'put an unknown field',
        send: put('intake', 'Sales information reviewed', () => ({ value: true, by: 'me' })),
        status: 400,
        field: 'by',
      },
      {
        name: 'put on an item of a lane that is not yours',
        send: put('accounting', 'Billing contact and terms confirmed', () => ({ value: true })),
        status: 403,
      },
      {
        name: 'put on an item of a lane the card is not in',
        send: async () =>
          t.api('manager').put(cardUrl(`/checklist/${item('accounting', 'Billing contact and terms confirmed')}`), {
            value: true,
            version: await version(),
          }),
        status: 409,
        code: 'ITEM_NOT_IN_LANE',
      },
      {
        name: 'put on a malformed item id',
        send: () => t.api('ops').put(cardUrl('/checklist/item-1'), { value: true }),
        status: 400,
        field: 'itemId',
      },
      {
        name: 'put on an unknown item',
        send: () => t.api('ops').put(cardUrl(`/checklist/${UNKNOWN_ID}`), { value: true }),
        status: 404,
      },
      {
        name: 'put on an unknown card',
        send: () => t.api('ops').put(`/api/cards/${UNKNOWN_ID}/checklist/${item('intake', 'Sales information reviewed')}`, { value: true }),
        status: 404,
      },
      { name: 'clear with version=abc', send: clear('?version=abc'), status: 400, field: 'version' },
      { name: 'clear with version=-1', send: clear('?version=-1'), status: 400, field: 'version' },
      { name: 'clear with version=1.5', send: clear('?version=1.5'), status: 400, field: 'version' },
      { name: 'clear with a version beyond any integer column', send: clear('?version=99999999999'), status: 400, field: 'version' },
      { name: 'clear with version given twice', send: clear('?version=1&version=2'), status: 400, field: 'version' },
      { name: 'clear with an unknown parameter', send: clear('?force=1'), status: 400, field: 'force' },
      { name: 'clear a malformed item id', send: clear('', () => 'item-1'), status: 400, field: 'itemId' },
      { name: 'clear an unknown item', send: clear('', () => UNKNOWN_ID), status: 404 },
      { name: 'clear on a malformed card id', send: clear('', undefined, () => 'card-1'), status: 400, field: 'id' },
      { name: 'clear on an unknown card', send: clear('', undefined, () => UNKNOWN_ID), status: 404 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('moving a card', () => {
    const move =
      (body: (v: number) => Record<string, unknown>, id = () => card.id) =>
      async () =>
        t.api('ops').post(`/api/cards/${id()}/move`, body(await version()));
    const cases: Case[] = [
      { name: 'an empty body', send: move(() => ({})), status: 400, field: 'toLane' },
      { name: 'without a version', send: move(() => ({ toLane: 'customer_experience' })), status: 400, field: 'version' },
      {
        name: 'a string version',
        send: move((v) => ({ toLane: 'customer_experience', version: String(v) })),
        status: 400,
        field: 'version',
      },
      { name: 'a negative version', send: move(() => ({ toLane: 'customer_experience', version: -3 })), status: 400, field: 'version' },
      { name: 'a float version', send: move((v) => ({ toLane: 'customer_experience', version: v + 0.25 })), status: 400, field: 'version' },
      {
        name: 'a version beyond any integer column',
        send: move(() => ({ toLane: 'customer_experience', version: 1e10 })),
        status: 400,
        field: 'version',
      },
      { name: 'a number for toLane', send: move((v) => ({ toLane: 2, version: v })), status: 400, field: 'toLane' },
      { name: 'an object for toLane', send: move((v) => ({ toLane: { key: 'accounting' }, version: v })), status: 400, field: 'toLane' },
      { name: 'an empty toLane', send: move((v) => ({ toLane: '', version: v })), status: 400, field: 'toLane' },
      { name: 'an unknown toLane', send: move((v) => ({ toLane: 'nowhere', version: v })), status: 400, field: 'toLane' },
      { name: 'a huge toLane', send: move((v) => ({ toLane: big(10_000), version: v })), status: 400, field: 'toLane' },
      {
        name: 'a number for the reason',
        send: move((v) => ({ toLane: 'customer_experience', version: v, reason: 5 })),
        status: 400,
        field: 'reason',
      },
      {
        name: 'a huge reason',
        send: move((v) => ({ toLane: 'customer_experience', version: v, reason: big(10_000) })),
        status: 400,
        field: 'reason',
      },
      {
        name: 'an unknown field',
        send: move((v) => ({ toLane: 'customer_experience', version: v, force: true })),
        status: 400,
        field: 'force',
      },
      {
        name: 'an incomplete checklist',
        send: move((v) => ({ toLane: 'customer_experience', version: v })),
        status: 409,
        code: 'CHECKLIST_INCOMPLETE',
      },
      { name: 'skipping ahead', send: move((v) => ({ toLane: 'accounting', version: v })), status: 422, code: 'INVALID_TRANSITION' },
      {
        name: 'a stale version',
        send: move((v) => ({ toLane: 'customer_experience', version: v + 1 })),
        status: 409,
        code: 'VERSION_CONFLICT',
      },
      {
        name: 'a malformed card id',
        send: () => t.api('ops').post('/api/cards/x/move', { toLane: 'customer_experience', version: 1 }),
        status: 400,
        field: 'id',
      },
      {
        name: 'an unknown card',
        send: move(
          () => ({ toLane: 'customer_experience', version: 1 }),
          () => UNKNOWN_ID,
        ),
        status: 404,
      },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('comments and pickup', () => {
    const comment =
      (body: unknown, id = () => card.id) =>
      () =>
        t.api('ops').post(`/api/cards/${id()}/comments`, body as object);
    const cases: Case[] = [
      { name: 'a comment without a body', send: comment({}), status: 400, field: 'body' },
      { name: 'a comment with a number for the body', send: comment({ body: 42 }), status: 400, field: 'body' },
      { name: 'a comment with an object for the body', send: comment({ body: { text: 'hi' } }), status: 400, field: 'body' },
      { name: 'a blank comment', send: comment({ body: '   ' }), status: 400, field: 'body' },
      { name: 'a huge comment', send: comment({ body: big(100_000) }), status: 400, field: 'body' },
      { name: 'a comment with a NUL character', send: comment({ body: 'a\u0000b' }), status: 400, field: 'body' },
      { name: 'a comment with an unknown field', send: comment({ body: 'hi', cardId: UNKNOWN_ID }), status: 400, field: 'cardId' },
      { name: 'a comment on a malformed card id', send: comment({ body: 'hi' }, () => 'abc'), status: 400, field: 'id' },
      { name: 'a comment on an unknown card', send: comment({ body: 'hi' }, () => UNKNOWN_ID), status: 404 },
      { name: 'pickup of a malformed card id', send: () => t.api('ops').post('/api/cards/abc/pickup'), status: 400, field: 'id' },
      { name: 'pickup of an unknown card', send: () => t.api('ops').post(`/api/cards/${UNKNOWN_ID}/pickup`), status: 404 },
      { name: 'pickup by someone outside the lane', send: () => t.api('cx').post(cardUrl('/pickup')), status: 403 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('attachments', () => {
    const upload =
      (id = () => card.id) =>
      () =>
        t.http.post(`/api/cards/${id()}/attachments`).set(h.ops);
    const pdf = (bytes = 100) => Buffer.concat([Buffer.from('%PDF-1.4 '), Buffer.alloc(bytes, 'a')]);
    const multipart = (boundary: string, body: string) => () =>
      t.http.post(cardUrl('/attachments')).set(h.ops).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    const cases: Case[] = [
      {
        name: 'a file over the upload limit → 413',
        send: () => upload()().attach('file', pdf(MAX_UPLOAD_BYTES * 2), { filename: 'big.pdf', contentType: 'application/pdf' }),
        status: 413,
      },
      {
        name: 'a refused type (application/x-msdownload) → 415',
        send: () =>
          upload()().attach('file', Buffer.from('MZ\x90\x00'), { filename: 'setup.exe', contentType: 'application/x-msdownload' }),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a multipart without a file → 400',
        send: () => upload()().field('itemId', item('intake', 'Sales information reviewed')),
        status: 400,
        field: 'file',
      },
      {
        name: 'a JSON body instead of a multipart',
        send: () => upload()().send({ itemId: item('intake', 'Sales information reviewed') }),
        status: 400,
        field: 'file',
      },
      {
        name: 'a text/plain body instead of a multipart',
        send: () => upload()().set('Content-Type', 'text/plain').send('hello'),
        status: 415,
        field: 'body',
      },
      {
        name: 'a file under another field name',
        send: () => upload()().attach('document', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 400,
        field: 'document',
      },
      {
        name: 'two files',
        send: () =>
          upload()()
            .attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' })
            .attach('file', pdf(), { filename: 'b.pdf', contentType: 'application/pdf' }),
        status: 400,
      },
      {
        name: 'a malformed itemId',
        send: () => upload()().field('itemId', 'item-1').attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 400,
        field: 'itemId',
      },
      {
        name: 'an unknown itemId',
        send: () => upload()().field('itemId', UNKNOWN_ID).attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 404,
      },
      {
        name: 'an itemId of a lane that is not yours',
        send: () =>
          upload()()
            .field('itemId', item('operational_setup', 'Service documents'))
            .attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 403,
      },
      {
        name: 'an itemId of a lane the card is not in',
        send: () =>
          upload()()
            .set(h.manager)
            .field('itemId', item('operational_setup', 'Service documents'))
            .attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 409,
        code: 'ITEM_NOT_IN_LANE',
      },
      {
        name: 'an unknown text field',
        send: () => upload()().field('caption', 'hello').attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 400,
        field: 'caption',
      },
      {
        name: 'too many text fields',
        send: () => {
          const req = upload()();
          for (let i = 0; i < 12; i++) req.field(`f${i}`, 'x');
          return req.attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' });
        },
        status: 400,
      },
      {
        name: 'a multipart without a boundary',
        send: () => upload()().set('Content-Type', 'multipart/form-data').send('--x\r\n\r\n--x--'),
        status: 400,
      },
      {
        name: 'a multipart cut short',
        send: multipart(
          'XyZ',
          '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF',
        ),
        status: 400,
      },
      {
        name: 'a multipart with a malformed part header',
        send: multipart('XyZ', '--XyZ\r\nthis is not a header\r\n\r\nvalue\r\n--XyZ--\r\n'),
        status: 400,
      },
      {
        name: 'a multipart/mixed body',
        send: () => upload()().set('Content-Type', 'multipart/mixed; boundary=XyZ').send('--XyZ\r\n\r\nhi\r\n--XyZ--\r\n'),
        status: 415,
      },
      {
        name: 'a malformed card id',
        send: () => upload(() => 'abc')().attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 400,
        field: 'id',
      },
      {
        name: 'an unknown card',
        send: () => upload(() => UNKNOWN_ID)().attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' }),
        status: 404,
      },
      {
        name: 'download with a malformed attachment id',
        send: () => t.http.get(cardUrl('/attachments/abc')).set(h.ops),
        status: 400,
        field: 'attachmentId',
      },
      { name: 'download an unknown attachment', send: () => t.http.get(cardUrl(`/attachments/${UNKNOWN_ID}`)).set(h.ops), status: 404 },
      {
        name: "download another card's attachment through this card",
        send: () => t.http.get(cardUrl(`/attachments/${attachmentId}`)).set(h.ops),
        status: 404,
      },
      { name: 'download without a session', send: () => t.http.get(`/api/cards/${otherCard.id}/attachments/${attachmentId}`), status: 401 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('notifications and preferences', () => {
    const prefs = (body: unknown) => t.api('ops').put('/api/me/preferences', body as object);
    const cases: Case[] = [
      {
        name: 'read a malformed notification id',
        send: () => t.api('ops').post('/api/notifications/abc/read'),
        status: 400,
        field: 'id',
      },
      { name: 'read an unknown notification', send: () => t.api('ops').post(`/api/notifications/${UNKNOWN_ID}/read`), status: 404 },
      { name: 'the list without a session', send: () => t.anonymous.get('/api/notifications'), status: 401 },
      { name: 'an unknown channel', send: () => prefs({ stuck: 'loud' }), status: 400, field: 'stuck' },
      { name: 'a number for a channel', send: () => prefs({ reminder: 5 }), status: 400, field: 'reminder' },
      { name: 'an unknown kind', send: () => prefs({ volume: 'in_app' }), status: 400, field: 'volume' },
      { name: 'a NUL character in a channel', send: () => prefs({ stuck: 'off\u0000' }), status: 400, field: 'stuck' },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('stuck cards, metrics and reminders', () => {
    const remind =
      (body: unknown, id = () => card.id) =>
      () =>
        t.api('ops').post(`/api/cards/${id()}/remind`, body as object);
    const cases: Case[] = [
      { name: 'the stuck list for staff', send: () => t.api('ops').get('/api/stuck'), status: 403 },
      { name: 'the metrics for sales', send: () => t.api('sales').get('/api/metrics'), status: 403 },
      { name: 'a stuck scan by a manager', send: () => t.api('manager').post('/api/admin/stuck-scan'), status: 403 },
      {
        name: 'the test clock when it is off',
        send: () => t.api('admin').post('/api/test/clock', { advanceMinutes: 60 }),
        status: 404,
      },
      { name: 'remind on a malformed card id', send: remind({}, () => 'abc'), status: 400, field: 'id' },
      { name: 'remind on an unknown card', send: remind({}, () => UNKNOWN_ID), status: 404 },
      { name: 'remind with a malformed itemId', send: remind({ itemId: 'item-1' }), status: 400, field: 'itemId' },
      { name: 'remind with a number for the itemId', send: remind({ itemId: 7 }), status: 400, field: 'itemId' },
      { name: 'remind with an unknown itemId', send: remind({ itemId: UNKNOWN_ID }), status: 404 },
      {
        name: 'remind about an item of another lane',
        send: () => remind({ itemId: item('accounting', 'Billing contact and terms confirmed') })(),
        status: 409,
        code: 'ITEM_NOT_IN_LANE',
      },
      { name: 'remind with an unknown field', send: remind({ urgent: true }), status: 400, field: 'urgent' },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('pipeline administration', () => {
    const lane = (key: string) => board.lanes.find((l) => l.key === key)!.id;
    const as = (who: string, method: Method, path: string, body?: unknown) => () => t.api(who).request(upper(method), path, { body });
    const admin = (method: Method, path: string, body?: unknown) => as('admin', method, path, body);
    const patchLane =
      (body: unknown, key = 'intake') =>
      () =>
        admin('patch', `/api/lanes/${lane(key)}`, body)();
    const addItem =
      (body: Record<string, unknown>, key = 'intake') =>
      () =>
        admin('post', `/api/lanes/${lane(key)}/checklist`, { label: 'Site visit booked', kind: 'check', required: true, ...body })();
    const patchItem = (body: unknown) => () =>
      admin('patch', `/api/checklist-items/${item('intake', 'Sales information reviewed')}`, body)();
    const reorder = (body: unknown) => () => admin('put', `/api/lanes/${lane('intake')}/checklist/order`, body)();
    const cases: Case[] = [
      {
        name: 'a lane change by a manager',
        send: () => as('manager', 'patch', `/api/lanes/${lane('intake')}`, { timeLimitHours: 5 })(),
        status: 403,
      },
      { name: 'a lane change on a malformed id', send: admin('patch', '/api/lanes/abc', { name: 'X' }), status: 400, field: 'id' },
      { name: 'a lane change on an unknown lane', send: admin('patch', `/api/lanes/${UNKNOWN_ID}`, { name: 'X' }), status: 404 },
      { name: 'a zero time limit', send: patchLane({ timeLimitHours: 0 }), status: 400, field: 'timeLimitHours' },
      { name: 'a negative time limit', send: patchLane({ timeLimitHours: -4 }), status: 400, field: 'timeLimitHours' },
      { name: 'a string time limit', send: patchLane({ timeLimitHours: '24' }), status: 400, field: 'timeLimitHours' },
      { name: 'a time limit beyond a year', send: patchLane({ timeLimitHours: 1e9 }), status: 400, field: 'timeLimitHours' },
      { name: 'a time limit on Done', send: patchLane({ timeLimitHours: 5 }, 'done'), status: 400, field: 'timeLimitHours' },
      { name: 'a malformed department key', send: patchLane({ department: 'Bad Key!' }), status: 400, field: 'department' },
      { name: 'an unknown department', send: patchLane({ department: 'nowhere' }), status: 400, field: 'department' },
      { name: 'an empty lane name', send: patchLane({ name: '' }), status: 400, field: 'name' },
      { name: 'a number for the lane name', send: patchLane({ name: 42 }), status: 400, field: 'name' },
      { name: 'an unknown lane field', send: patchLane({ position: 1 }), status: 400, field: 'position' },
      { name: 'an item without a label', send: addItem({ label: undefined }), status: 400, field: 'label' },
      { name: 'an item with a huge label', send: addItem({ label: big(10_000) }), status: 400, field: 'label' },
      { name: 'an item of an unknown kind', send: addItem({ kind: 'emoji' }), status: 400, field: 'kind' },
      { name: 'an item with a string for required', send: addItem({ required: 'yes' }), status: 400, field: 'required' },
      { name: 'an item with an unknown role', send: addItem({ role: 'boss' }), status: 400, field: 'role' },
      { name: 'a choice item without options', send: addItem({ kind: 'choice' }), status: 400, field: 'options' },
      { name: 'a choice item with a string for options', send: addItem({ kind: 'choice', options: 'a,b' }), status: 400, field: 'options' },
      { name: 'a choice item with one option', send: addItem({ kind: 'choice', options: ['only'] }), status: 400, field: 'options' },
      { name: 'a choice item with numbers for options', send: addItem({ kind: 'choice', options: [1, 2] }), status: 400, field: 'options' },
      { name: 'a string for the rules', send: addItem({ kind: 'number', rules: 'strict' }), status: 400, field: 'rules' },
      { name: 'a string rule value', send: addItem({ kind: 'number', rules: { greaterThan: 'zero' } }), status: 400, field: 'rules' },
      { name: 'an unknown rule', send: addItem({ kind: 'number', rules: { between: [1, 2] } }), status: 400, field: 'rules' },
      { name: 'a number rule on a tick', send: addItem({ rules: { min: 1 } }), status: 400, field: 'rules' },
      { name: 'an unknown item field', send: addItem({ weight: 3 }), status: 400, field: 'weight' },
      { name: 'an item on Done', send: addItem({}, 'done'), status: 400 },
      {
        name: 'an item on an unknown lane',
        send: admin('post', `/api/lanes/${UNKNOWN_ID}/checklist`, { label: 'X', kind: 'check', required: true }),
        status: 404,
      },
      { name: 'an item change with an empty label', send: patchItem({ label: '' }), status: 400, field: 'label' },
      { name: 'an item change with a number for required', send: patchItem({ required: 1 }), status: 400, field: 'required' },
      { name: 'an item change of its kind', send: patchItem({ kind: 'text' }), status: 400, field: 'kind' },
      {
        name: 'an item change on a malformed id',
        send: admin('patch', '/api/checklist-items/abc', { label: 'X' }),
        status: 400,
        field: 'id',
      },
      {
        name: 'an item change on an unknown item',
        send: admin('patch', `/api/checklist-items/${UNKNOWN_ID}`, { label: 'X' }),
        status: 404,
      },
      { name: 'retiring a malformed item id', send: admin('delete', '/api/checklist-items/abc'), status: 400, field: 'id' },
      { name: 'retiring an unknown item', send: admin('delete', `/api/checklist-items/${UNKNOWN_ID}`), status: 404 },
      { name: 'a reorder without ids', send: reorder({}), status: 400, field: 'ids' },
      { name: 'a reorder with a string for ids', send: reorder({ ids: 'a,b' }), status: 400, field: 'ids' },
      { name: 'a reorder with malformed ids', send: reorder({ ids: ['a', 'b'] }), status: 400, field: 'ids' },
      { name: 'a reorder with unknown ids', send: reorder({ ids: [UNKNOWN_ID] }), status: 400, field: 'ids' },
      {
        name: 'a reorder listing an item twice',
        send: () => reorder({ ids: board.lanes[0].checklist.map((i, n) => (n === 1 ? board.lanes[0].checklist[0].id : i.id)) })(),
        status: 400,
        field: 'ids',
      },
      {
        name: 'a department with a malformed key',
        send: admin('post', '/api/departments', { key: 'Bad Key!', name: 'Bad' }),
        status: 400,
        field: 'key',
      },
      { name: 'a department without a name', send: admin('post', '/api/departments', { key: 'facilities' }), status: 400, field: 'name' },
      {
        name: 'a department with a huge name',
        send: admin('post', '/api/departments', { key: 'facilities', name: big(10_000) }),
        status: 400,
        field: 'name',
      },
      {
        name: 'a department that exists',
        send: admin('post', '/api/departments', { key: 'hr', name: 'HR again' }),
        status: 400,
        field: 'key',
      },
      { name: 'renaming an unknown department', send: admin('patch', '/api/departments/nowhere', { name: 'X' }), status: 404 },
      { name: 'renaming a department to nothing', send: admin('patch', '/api/departments/hr', { name: '' }), status: 400, field: 'name' },
      {
        name: 'renaming a department with a NUL in its key',
        send: admin('patch', '/api/departments/h%00r', { name: 'X' }),
        status: 400,
        field: 'key',
      },
      { name: 'deleting an unknown department', send: admin('delete', '/api/departments/nowhere'), status: 404 },
      {
        name: 'deleting a department that owns lanes',
        send: admin('delete', '/api/departments/operations'),
        status: 409,
        code: 'DEPARTMENT_IN_USE',
      },
      { name: 'the audit log with limit=abc', send: admin('get', '/api/admin/audit?limit=abc'), status: 400, field: 'limit' },
      { name: 'the audit log with limit=0', send: admin('get', '/api/admin/audit?limit=0'), status: 400, field: 'limit' },
      { name: 'the audit log with limit=1e30', send: admin('get', '/api/admin/audit?limit=1e30'), status: 400, field: 'limit' },
      {
        name: 'the audit log with an unknown parameter',
        send: admin('get', '/api/admin/audit?since=yesterday'),
        status: 400,
        field: 'since',
      },
      { name: 'the audit log for a manager', send: as('manager', 'get', '/api/admin/audit'), status: 403 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('invitations', () => {
    const accept = (body: unknown) => () => t.anonymous.post('/api/auth/accept-invite', body as object);
    const cases: Case[] = [
      { name: 'without a token', send: accept({ password: 'a-long-password' }), status: 400, field: 'token' },
      { name: 'a number for the token', send: accept({ token: 1234567890123, password: 'a-long-password' }), status: 400, field: 'token' },
      {
        name: 'a short password',
        send: accept({ token: 'x'.repeat(43), password: 'short' }),
        status: 400,
        field: 'password',
        code: 'WEAK_PASSWORD',
      },
      {
        name: 'an unknown field',
        send: accept({ token: 'x'.repeat(43), password: 'a-long-password', role: 'admin' }),
        status: 400,
        field: 'role',
      },
      { name: 'an unknown token', send: accept({ token: 'x'.repeat(43), password: 'a-long-password' }), status: 401 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  describe('ill-formed text (a lone UTF-16 surrogate, which JSON can carry as an escape) is refused, naming the field', () => {
    const lone = '\ud800';
    const cases: Case[] = [
      {
        name: 'a new person whose email holds a lone surrogate',
        send: () =>
          t.api('admin').post('/api/users', { name: 'Pat Probe', email: `pat${lone}@relay.test`, role: 'staff', departments: ['hr'] }),
        status: 400,
        field: 'email',
      },
      {
        name: 'a sign-in whose email holds a lone surrogate',
        send: () => t.anonymous.post('/api/auth/login', { email: `ops${lone}@relay.test`, password: DEMO_PASSWORD }),
        status: 400,
        field: 'email',
      },
      {
        name: 'a comment ending in a lone low surrogate',
        send: () => t.api('ops').post(cardUrl('/comments'), { body: `hi \udc00` }),
        status: 400,
        field: 'body',
      },
      {
        name: 'a card whose customer name holds a lone surrogate',
        send: () => t.api('sales').post('/api/cards', salesForm({ customerName: `Half${lone} Ltd` })),
        status: 400,
        field: 'customerName',
      },
      {
        name: 'a nested field (nextAction.text) holding a lone surrogate',
        send: async () =>
          t.api('ops').patch(cardUrl(), { version: await version(), nextAction: { text: `call${lone}`, ownerId: null, due: null } }),
        status: 400,
        field: 'nextAction.text',
      },
      {
        name: 'a field name holding a lone surrogate',
        send: () => t.api('ops').post(cardUrl('/comments'), { body: 'hi', [`x${lone}`]: 1 }),
        status: 400,
        field: 'body',
      },
      {
        name: 'a card id holding a percent-encoded surrogate (not UTF-8)',
        send: () => t.api('ops').get('/api/cards/%ED%A0%80'),
        status: 400,
      },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
    it('a query string cannot smuggle one in either: an undecodable escape stays as it was sent', async () => {
      const res = await t.api('ops').get('/api/users?q=%ED%A0%80');
      expect(res.status).toBe(200);
    });
  });

  describe('unknown routes and methods', () => {
    const cases: Case[] = [
      { name: 'an unknown path', send: () => t.api('ops').get('/api/nope'), status: 404 },
      { name: 'a known path with another method', send: () => t.api('ops').put('/api/board', {}), status: 404 },
      { name: 'POST /api/health', send: () => t.anonymous.post('/api/health', {}), status: 404 },
    ];
    it.each(cases)('$name', (c) => expectRefusedWithoutTrace(c));
  });

  it('still serves the card untouched after the whole battery, and keeps no file of a refused upload', async () => {
    const res = await t.api('ops').get(cardUrl());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: card.id, version: card.version, laneKey: 'intake', notes: null, customerName: 'Malformed Mills' });
    expect((await t.anonymous.get('/api/health')).status).toBe(200);
    // Last, so that files of uploads refused by a pipe (removed once their response is sent) are long gone.
    const root = join(t.started.app.get<symbol, RelayConfig>(RELAY_CONFIG).dataDir, 'files');
    const files = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(root.length + 1));
    expect(files).toEqual([join(otherCard.id, attachmentId)]);
  });
});
