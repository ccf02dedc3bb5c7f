import { ApiError, routes, salesForm } from './index.js';
import { useTestApp } from '../support/test-app.js';

/** The kit's client as the tests rely on it: both kinds of session, refusals as errors or as answers. */
describe('the test kit client', () => {
  const t = useTestApp({ stuckScanSeconds: 0 });

  it('signs in once and keeps the session', async () => {
    const ops = t.team.fresh('ops');
    const token = await ops.token();
    expect((await ops.board()).lanes.length).toBeGreaterThan(0);
    expect(await ops.token()).toBe(token);
    expect((await ops.user()).email).toBe('ops@relay.test');
  });

  it('sends the session cookie and its own origin, as the board does, which the origin check accepts', async () => {
    const sales = t.team.fresh('sales', { auth: 'cookie' });
    expect(await sales.cookie()).toMatch(/^relay_session=/);
    const card = await sales.createCard(salesForm({ customerName: 'Cookie Kit Co' }));
    expect(card.title).toBe('Cookie Kit Co');
    // The same session from another site's page is refused: the origin is what let it through.
    const foreign = await sales.send(routes.createCard(salesForm({ customerName: 'Cookie Kit Co' })), {
      headers: { Origin: 'http://evil.example' },
    });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'CROSS_ORIGIN']);
  });

  it('throws ApiError with the status and code for a refusal, and answers the whole reply through send', async () => {
    const card = await t.api('sales').createCard({ ...salesForm({ customerName: 'Refused Kit Co' }), allowDuplicate: true });
    const refused = await t
      .api('ops')
      .move(card.id, 'customer_experience', card.version)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 409, code: 'CHECKLIST_INCOMPLETE' });
    const reply = await t.api('ops').send(routes.move(card.id, 'customer_experience', card.version));
    expect([reply.status, reply.body.code, reply.headers['content-type']]).toEqual([
      409,
      'CHECKLIST_INCOMPLETE',
      expect.stringMatching(/json/),
    ]);
  });

  it('calls without a session when anonymous', async () => {
    expect((await t.anonymous.send(routes.board())).status).toBe(401);
  });
});
