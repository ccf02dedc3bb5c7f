import { MailerService } from '../../src/modules/notifications/mailer.service.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { freshDatabase, startTestApp, type TestApp } from '../support/test-app.js';

/** The outbox drains fast through pooled SMTP connections, each email once, with two instances sending. */
describe('the email outbox under load', () => {
  let smtp: TestSmtp;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    const databaseUrl = await freshDatabase();
    a = await startTestApp({ stuckScanSeconds: 0, smtpUrl: smtp.url }, databaseUrl);
    b = await startTestApp({ stuckScanSeconds: 0, smtpUrl: smtp.url }, databaseUrl);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await smtp?.close();
  });

  it('sends 800 queued emails in under 30 s, each exactly once across two instances', async () => {
    const total = 800;
    await a.db.query(
      `INSERT INTO email_outbox (to_address, subject, body)
       SELECT 'person' || i || '@relay.test', 'Queued ' || i, 'Body ' || i FROM generate_series(1, $1::int) i`,
      [total],
    );
    const started = Date.now();
    a.started.app.get(MailerService).kick();
    b.started.app.get(MailerService).kick();
    while (smtp.inbox.length < total && Date.now() - started < 40_000) await new Promise((r) => setTimeout(r, 100));
    const took = Date.now() - started;
    await a.started.app.get(MailerService).idle();
    await b.started.app.get(MailerService).idle();
    expect(smtp.inbox).toHaveLength(total);
    expect(new Set(smtp.inbox.map((m) => m.subject)).size).toBe(total);
    expect(took).toBeLessThan(30_000);
    const [left] = await a.db.query('SELECT count(*)::int AS n FROM email_outbox WHERE sent_at IS NULL');
    expect(left.n).toBe(0);
  }, 60_000);
});
