import { REQUEST_ID_HEADER } from '@relay/shared';
import { errorReply, mockFetch } from '../test/fixtures';
import { UNAUTHENTICATED_EVENT, api, isApiError } from './http';
import { OwnWrites, ownWrites } from './own-writes';

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('ApiError narrowing by code', () => {
  it("gives CHECKLIST_INCOMPLETE's missing items, typed, from the one parse of the body", async () => {
    const missing = [{ itemId: 'i1', label: 'Welcome call', department: 'operations', role: null }];
    mockFetch({ 'POST /api/cards/c1/move': errorReply(409, 'CHECKLIST_INCOMPLETE', 'Intake is not finished', { missing }) });
    const err = await caught(api.post('/api/cards/c1/move', { toLane: 'cx', version: 1 }));
    expect(isApiError(err)).toBe(true);
    if (!isApiError(err) || err.code !== 'CHECKLIST_INCOMPLETE') throw new Error('not narrowed');
    // Compiles only because the code narrows the details: no cast, no guard.
    expect(err.details.missing.map((m) => m.label)).toEqual(['Welcome call']);
    expect(err.status).toBe(409);
  });

  it("maps a 400's field errors by field, first message winning", async () => {
    const fields = [
      { field: 'email', message: 'email is taken' },
      { field: 'email', message: 'email is long' },
      { field: 'name', message: 'name is required' },
    ];
    mockFetch({ 'POST /api/users': errorReply(400, 'VALIDATION_FAILED', 'bad', { fields }) });
    const err = await caught(api.post('/api/users', {}));
    expect(isApiError(err) && err.fieldErrors()).toEqual({ email: 'email is taken', name: 'name is required' });
  });

  it('answers a body that is not the contract with the status code and no field errors', async () => {
    mockFetch({ 'GET /api/x': { status: 403, body: { code: 'NOT_A_CODE', message: 'nope' } } });
    const err = await caught(api.get('/api/x'));
    expect(isApiError(err) && { code: err.code, fields: err.fieldErrors() }).toEqual({ code: 'FORBIDDEN', fields: {} });
  });

  it('signals the page once when a request finds the session gone, but not for sign-in', async () => {
    const seen = jest.fn();
    window.addEventListener(UNAUTHENTICATED_EVENT, seen);
    mockFetch({
      'GET /api/board': errorReply(401, 'UNAUTHENTICATED', 'Sign in first'),
      'POST /api/auth/login': errorReply(401, 'INVALID_CREDENTIALS', 'no'),
    });
    await caught(api.get('/api/board'));
    await caught(api.post('/api/auth/login', {}));
    window.removeEventListener(UNAUTHENTICATED_EVENT, seen);
    expect(seen).toHaveBeenCalledTimes(1);
  });
});

describe('request ids', () => {
  it('gives each write a fresh id that the tab remembers as its own, and reads none', async () => {
    const calls = mockFetch({ 'POST /api/a': { status: 204 }, 'PATCH /api/a': { status: 204 }, 'GET /api/a': { status: 200, body: {} } });
    await api.post('/api/a', {});
    await api.patch('/api/a', {});
    await api.get('/api/a');
    const [first, second, read] = calls.map((c) => c.headers[REQUEST_ID_HEADER]);
    expect(first).not.toEqual(second);
    expect(ownWrites.has(first)).toBe(true);
    expect(ownWrites.has(second)).toBe(true);
    expect(read).toBeUndefined();
  });

  it('forgets the oldest id beyond its capacity, and knows no id it did not hand out', () => {
    const own = new OwnWrites(2);
    const [a, b, c] = [own.next(), own.next(), own.next()];
    expect([own.has(a), own.has(b), own.has(c)]).toEqual([false, true, true]);
    expect(own.has('someone-else')).toBe(false);
    expect(own.has(null)).toBe(false);
  });
});
