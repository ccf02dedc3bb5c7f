import type { BoardResponse } from '@relay/shared';
import { parse } from 'csv-parse/sync';
import { salesForm, uniqueCustomer } from '../kit/index.js';
import { startTestApp, useTestApp } from '../support/test-app.js';

const DAY = 86_400_000;

describe('closed onboardings (issue 24)', () => {
  const t = useTestApp();

  /** A card the sales rep creates, then put in the terminal lane as if it entered it `daysAgo` (test clock). */
  async function closedCard(name: string, daysAgo: number, extra: Record<string, unknown> = {}) {
    const card = await t.api('sales').createCard(salesForm({ customerName: name, ...extra }));
    const board = await t.board('admin');
    const done = board.lanes.find((l) => l.terminal)!;
    await t.db.query('UPDATE cards SET lane_id = $2, done_at = $3, entered_lane_at = $3 WHERE id = $1', [
      card.id,
      done.id,
      new Date(t.clock.now().getTime() - daysAgo * DAY),
    ]);
    return card;
  }
  const doneTitles = (b: BoardResponse) => {
    const done = b.lanes.find((l) => l.terminal)!;
    return b.cards.filter((c) => c.laneId === done.id).map((c) => c.title);
  };

  describe('settings', () => {
    it('answers the defaults to anyone signed in; only admins change them, each change audited', async () => {
      expect((await t.api('ops').get('/api/settings')).body).toEqual({ doneVisibleDays: 14, touchCadenceDays: 7, calendar: null });
      expect((await t.api('manager').patch('/api/settings', { doneVisibleDays: 20 })).status).toBe(403);
      const res = await t.api('admin').patch('/api/settings', { doneVisibleDays: 30, touchCadenceDays: null });
      expect(res.body).toEqual({ doneVisibleDays: 30, touchCadenceDays: null, calendar: null });
      expect((await t.api('sales').get('/api/settings')).body).toEqual(res.body);
      const [entry] = (await t.api('admin').get('/api/admin/audit')).body;
      expect(entry).toMatchObject({
        entity: 'settings',
        action: 'update',
        before: { doneVisibleDays: 14, touchCadenceDays: 7 },
        after: { doneVisibleDays: 30, touchCadenceDays: null },
      });
      await t.api('admin').patch('/api/settings', { doneVisibleDays: 14, touchCadenceDays: 7 });
    });

    it('reach another instance on the same database at once (its cached copy is dropped on the signal)', async () => {
      const other = await startTestApp({ stuckScanSeconds: 0 }, t.databaseUrl);
      try {
        expect((await other.api('ops').get('/api/settings')).body.doneVisibleDays).toBe(14); // cached there now
        await t.api('admin').patch('/api/settings', { doneVisibleDays: 21 });
        let seen = 14;
        const deadline = Date.now() + 3000;
        while (seen !== 21 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
          seen = (await other.api('ops').get('/api/settings')).body.doneVisibleDays;
        }
        expect(seen).toBe(21);
      } finally {
        await t.api('admin').patch('/api/settings', { doneVisibleDays: 14 });
        await other.close();
      }
    });

    it.each([
      [{ doneVisibleDays: 0 }, 'doneVisibleDays'],
      [{ doneVisibleDays: 366 }, 'doneVisibleDays'],
      [{ doneVisibleDays: 2.5 }, 'doneVisibleDays'],
      [{ doneVisibleDays: null }, 'doneVisibleDays'],
      [{ touchCadenceDays: 0 }, 'touchCadenceDays'],
      [{ touchCadenceDays: 'weekly' }, 'touchCadenceDays'],
      [{ calendar: { timezone: 'UTC' } }, 'calendar'],
      [{ colour: 'red' }, 'colour'],
    ])('refuses %j with a 400 naming %s', async (body, field) => {
      const res = await t.api('admin').patch('/api/settings', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    });
  });

  describe("the board's window", () => {
    it('holds closed cards of the last doneVisibleDays only, newest first, and follows a change of the setting', async () => {
      const old = uniqueCustomer('Closed15');
      const recent = uniqueCustomer('Closed13');
      const newest = uniqueCustomer('Closed1');
      await closedCard(old, 15);
      await closedCard(recent, 13);
      await closedCard(newest, 1);
      let titles = doneTitles(await t.board('ops'));
      expect(titles).not.toContain(old);
      expect(titles.indexOf(newest)).toBeGreaterThanOrEqual(0);
      expect(titles.indexOf(newest)).toBeLessThan(titles.indexOf(recent));

      await t.api('admin').patch('/api/settings', { doneVisibleDays: 16 });
      titles = doneTitles(await t.board('ops'));
      expect(titles).toContain(old);
      expect(titles.indexOf(recent)).toBeLessThan(titles.indexOf(old));

      await t.api('admin').patch('/api/settings', { doneVisibleDays: 14 });
      t.clock.advance(2 * 24 * 60); // minutes
      titles = doneTitles(await t.board('ops'));
      expect(titles).not.toContain(recent);
      expect(titles).toContain(newest);
      t.clock.advance(-2 * 24 * 60);
    });
  });

  it('a closed card stays readable and takes comments', async () => {
    const card = await closedCard(uniqueCustomer('Readable'), 200);
    expect((await t.api('ops').card(card.id)).id).toBe(card.id);
    expect((await t.api('ops').get(`/api/cards/${card.id}/events`)).status).toBe(200);
    const res = await t.api('ops').post(`/api/cards/${card.id}/comments`, { body: 'Still here after go-live' });
    expect(res.status).toBe(201);
  });

  describe('list and search (GET /api/cards)', () => {
    const tag = uniqueCustomer('Zq').replace(/\W/g, '').toLowerCase();
    let societe: string, acme: string, open: string;
    beforeAll(async () => {
      societe = (await closedCard(`Société Générale ${tag}`, 300, { notes: `Parking behind the bakery ${tag}` })).id;
      acme = (await closedCard(`Acme Widgets ${tag}`, 20, { contactEmail: `ana@acme${tag}.io` })).id;
      open = (await t.api('sales').createCard(salesForm({ customerName: `Open Plumbing ${tag}` }))).id;
    });
    const ids = async (query: string, who = 'ops') => {
      const res = await t.api(who).get(`/api/cards?${query}`);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((i) => i.id);
    };

    it('finds words and word beginnings ignoring case and accents, in names, email and notes', async () => {
      expect(await ids(`q=societe ${tag}`)).toEqual([societe]);
      expect(await ids(`q=SOCIÉ ${tag}`)).toEqual([societe]);
      expect(await ids(`q=acm ${tag}`)).toEqual([acme]);
      expect(await ids(`q=acme${tag}`)).toEqual([acme]);
      expect(await ids(`q=${encodeURIComponent(`ana@acme${tag}.io`)}`)).toEqual([acme]);
      expect(await ids(`q=bakery ${tag}`)).toEqual([societe]);
      expect(await ids(`q=nothinglikethis ${tag}`)).toEqual([]);
    });

    // The same inputs as shared's matchesSearch spec (search.spec.ts): the two rules agree on them.
    it('finds an email by the same words as the board search does', async () => {
      const mail = uniqueCustomer('Mail').replace(/\W/g, '').toLowerCase();
      const id = (await closedCard(`Acme Widgets ${mail}`, 40, { contactEmail: 'ana@acme.io' })).id;
      for (const q of ['acme', 'ana', 'acme.io', 'ana@acme.io']) expect(await ids(`q=${encodeURIComponent(`${q} ${mail}`)}`)).toEqual([id]);
      expect(await ids(`q=cme ${mail}`)).toEqual([]);
    });

    it('pages by customer past a 200-character name of non-ASCII letters (its cursor is over 500 characters)', async () => {
      const long = uniqueCustomer('Long').replace(/\W/g, '').toLowerCase();
      const first = (await closedCard(`${long} ${'ж'.repeat(199 - long.length)}`, 5)).id;
      const second = (await closedCard(`${long} ${'я'.repeat(199 - long.length)}`, 6)).id;
      const page = await t.api('ops').get(`/api/cards?q=${long}&sort=customer&limit=1`);
      expect(page.body.nextCursor.length).toBeGreaterThan(500);
      expect(await ids(`q=${long}&sort=customer&limit=1&cursor=${page.body.nextCursor}`)).toEqual([second]);
      expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([first]);
    });

    it('keeps its index through ANALYZE and VACUUM (they evaluate it with search_path = pg_catalog)', async () => {
      await t.db.query('VACUUM ANALYZE cards');
      expect(await ids(`q=societe ${tag}`)).toEqual([societe]);
    });

    it('filters by status, lane and closed range, newest first, with the list fields', async () => {
      expect(await ids(`q=${tag}`)).toEqual([open, acme, societe]);
      expect(await ids(`q=${tag}&status=open`)).toEqual([open]);
      expect(await ids(`q=${tag}&status=closed`)).toEqual([acme, societe]);
      const day = (n: number) => new Date(t.clock.now().getTime() - n * DAY).toISOString().slice(0, 10);
      expect(await ids(`q=${tag}&closedFrom=${day(30)}&closedTo=${day(10)}`)).toEqual([acme]);
      const done = (await t.board('admin')).lanes.find((l) => l.terminal)!;
      expect(await ids(`q=${tag}&lane=${done.key}`)).toEqual([acme, societe]);
      const [item] = (await t.api('sales').get(`/api/cards?q=${tag}&status=closed&sort=-closed`)).body.items;
      expect(item).toMatchObject({ id: acme, contactEmail: `ana@acme${tag}.io`, laneKey: done.key });
      expect(typeof item.createdAt).toBe('string');
      expect(item.closedAt).toMatch(/^\d{4}-/);
    });

    it('pages through more rows than the limit without duplicates or gaps, in every sort', async () => {
      const many = uniqueCustomer('Pager').replace(/\W/g, '').toLowerCase();
      for (let i = 0; i < 7; i++) await closedCard(`Pager ${i} ${many}`, i * 3);
      for (const sort of ['-created', 'customer', '-closed', 'lane', 'health']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await t.api('ops').get(`/api/cards?q=${many}&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((i: { id: string }) => i.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(7);
        expect(new Set(seen).size).toBe(7);
      }
    });

    it.each([
      ['status=done', 'status'],
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['sort=colour', 'sort'],
      ['closedFrom=2026-13-01', 'closedFrom'],
      ['closedTo=yesterday', 'closedTo'],
      ['health=bad', 'health'],
      ['lane=Not A Key', 'lane'],
      ['cursor=xyz', 'cursor'],
      ['segment=Not A Key', 'segment'],
      ['closedFrom=2026-06-02&closedTo=2026-06-01', 'closedTo'],
      ['colour=red', 'colour'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const res = await t.api('ops').get(`/api/cards?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field })] } });
    });
  });

  describe('CSV export (GET /api/cards/export.csv)', () => {
    it('streams every matching card with a BOM, a header, RFC 4180 quoting, formulas guarded and hours per lane', async () => {
      const tag = uniqueCustomer('Csv').replace(/\W/g, '').toLowerCase();
      const tricky = await t
        .api('sales')
        .createCard(
          salesForm({ customerName: `Dupont, "Père & Fils" ${tag}`, notes: 'line one\nline two', specialConditions: '=HYPERLINK("x")' }),
        );
      const { lanes } = await t.board('admin');
      const [intake, next] = [...lanes].sort((a, b) => a.position - b.position);
      const created = new Date(t.clock.now().getTime() - 10 * 3_600_000);
      const moved = new Date(created.getTime() + 5 * 3_600_000);
      await t.db.query(`INSERT INTO card_events (card_id, type, at, data) VALUES ($1, 'moved', $2, $3)`, [
        tricky.id,
        moved,
        JSON.stringify({ from: intake!.key, to: next!.key }),
      ]);
      await t.db.query('UPDATE cards SET lane_id = $2, entered_lane_at = $3, created_at = $4 WHERE id = $1', [
        tricky.id,
        next!.id,
        moved,
        created,
      ]);
      await closedCard(`Plain ${tag}`, 3);

      const res = await fetch(`${t.url}/api/cards/export.csv?q=${tag}&sort=customer`, {
        headers: { authorization: `Bearer ${await t.token('ops')}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="relay-cards-${t.clock.now().toISOString().slice(0, 10)}.csv"`,
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
      expect(rows.map((r) => r.customerName)).toEqual([`Dupont, "Père & Fils" ${tag}`, `Plain ${tag}`]);
      const [row, plain] = rows;
      expect(row).toMatchObject({ notes: 'line one\nline two', specialConditions: `'=HYPERLINK("x")`, lane: next!.name, segment: '' });
      expect(row![`hours in ${intake!.name}`]).toBe('5.00');
      const hoursSince = (t.clock.now().getTime() - moved.getTime()) / 3_600_000;
      expect(Number(row![`hours in ${next!.name}`])).toBeCloseTo(hoursSince, 1);
      expect(plain!.closedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Object.keys(row!)).toEqual(expect.arrayContaining(['contactEmail', 'assignee', 'riskFlag', 'createdAt', 'goLiveDate']));
    });

    it('refuses bad filters with a 400 naming the field', async () => {
      const res = await t.api('ops').get('/api/cards/export.csv?status=done');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('status');
    });
  });
});
