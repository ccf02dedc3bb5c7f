import type { BoardEvent } from '@relay/shared';
import { completeLane, createCard, itemByLabel, move } from '../factories/cards.js';
import type { Method } from '../kit/index.js';
import { useTestApp } from '../support/test-app.js';

const UUID = '00000000-0000-4000-8000-000000000000';

describe('admin: people, departments, lanes and checklists', () => {
  const t = useTestApp();

  const board = () => t.board('admin');

  it('refuses every admin endpoint to everyone but admins', async () => {
    const b = await board();
    const lane = b.lanes[2];
    const item = lane.checklist[0];
    const calls: [string, string, object?][] = [
      ['patch', `/api/lanes/${lane.id}`, { timeLimitHours: 10 }],
      ['post', `/api/lanes/${lane.id}/checklist`, { label: 'X', kind: 'check', required: true }],
      ['put', `/api/lanes/${lane.id}/checklist/order`, { ids: lane.checklist.map((i) => i.id) }],
      ['patch', `/api/checklist-items/${item.id}`, { label: 'Y' }],
      ['delete', `/api/checklist-items/${item.id}`],
      ['post', '/api/departments', { key: 'facilities', name: 'Facilities' }],
      ['patch', '/api/departments/hr', { name: 'People' }],
      ['delete', '/api/departments/sales'],
      ['get', '/api/admin/audit'],
      ['post', '/api/admin/stuck-scan'],
      ['post', '/api/users', { name: 'N', email: 'n@relay.test', role: 'staff', departments: [] }],
      ['patch', `/api/users/${UUID}`, { name: 'N' }],
    ];
    for (const who of ['sales', 'ops', 'supervisor', 'manager']) {
      for (const [method, url, body] of calls) {
        const res = await t.api(who).request(method.toUpperCase() as Method, url, { body });
        expect([who, method, url, res.status]).toEqual([who, method, url, 403]);
      }
    }
    expect((await board()).lanes[2].checklist.map((i) => i.label)).toEqual(lane.checklist.map((i) => i.label));
  });

  it('changes a lane time limit, refusing a limit of zero or less, and records who did it', async () => {
    const admin = t.api('admin');
    const lane = (await board()).lanes[1];
    for (const bad of [0, -5, 'ten']) {
      const res = await admin.patch(`/api/lanes/${lane.id}`, { timeLimitHours: bad });
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe('timeLimitHours');
    }
    expect((await admin.patch(`/api/lanes/${lane.id}`, { department: 'nowhere' })).status).toBe(400);
    const done = (await board()).lanes.at(-1)!;
    expect((await admin.patch(`/api/lanes/${done.id}`, { timeLimitHours: 5 })).status).toBe(400);
    const ok = await admin.patch(`/api/lanes/${lane.id}`, { timeLimitHours: 36, name: 'Customer Care' });
    expect(ok.status).toBe(200);
    expect((await board()).lanes[1]).toMatchObject({ name: 'Customer Care', timeLimitHours: 36 });
    const audit = (await admin.get('/api/admin/audit')).body;
    expect(audit[0]).toMatchObject({
      entity: 'lane',
      entityId: lane.key,
      action: 'update',
      actor: { name: 'Ada Admin' },
      before: { timeLimitHours: 48 },
      after: { timeLimitHours: 36 },
    });
  });

  it('adds a required item to Accounting: a card there cannot leave until it is ticked, and boards hear of it', async () => {
    const admin = t.api('admin');
    const socket = await t.socket('accounting');
    const events: BoardEvent[] = [];
    socket.on('board.changed', (e: BoardEvent) => events.push(e));
    let card = await createCard(t);
    card = await completeLane(t, card.id, 'intake', 'ops');
    card = (await move(t, card.id, 'customer_experience', 'ops', card.version)).body;
    card = await completeLane(t, card.id, 'customer_experience', 'cx');
    card = (await move(t, card.id, 'accounting', 'cx', card.version)).body;
    card = await completeLane(t, card.id, 'accounting', 'accounting');
    const accounting = (await board()).lanes.find((l) => l.key === 'accounting')!;
    const added = await admin.post(`/api/lanes/${accounting.id}/checklist`, {
      label: 'Credit check passed',
      kind: 'check',
      required: true,
      help: 'From the credit agency',
    });
    expect(added.status).toBe(201);
    const refused = await move(t, card.id, 'operational_setup', 'accounting', card.version);
    expect(refused.status).toBe(409);
    expect(refused.body.details.missing).toEqual([
      { itemId: added.body.id, label: 'Credit check passed', department: 'accounting', role: null },
    ]);
    card = (await t.api('accounting').put(`/api/cards/${card.id}/checklist/${added.body.id}`, { value: true })).body;
    expect((await move(t, card.id, 'operational_setup', 'accounting', card.version)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((e) => e.type)).toContain('board.changed');
    socket.disconnect();
  });

  it('validates new items as the kinds require', async () => {
    const admin = t.api('admin');
    const lane = (await board()).lanes[4];
    const cases: [object, string][] = [
      [{ label: 'Pick', kind: 'choice', required: true }, 'options'],
      [{ label: 'Pick', kind: 'choice', required: true, options: ['a', 'a'] }, 'options'],
      [{ label: 'Count', kind: 'number', required: true, options: ['a', 'b'] }, 'options'],
      [{ label: 'Pick', kind: 'choice', required: true, options: ['a', 'b'], rules: { mustBe: 'c' } }, 'rules.mustBe'],
      [{ label: 'Odd', kind: 'sparkle', required: true }, 'kind'],
      [{ label: '', kind: 'check', required: true }, 'label'],
      [{ label: 'X', kind: 'check', required: 'yes' }, 'required'],
      [{ label: 'X', kind: 'check', required: true, role: 'boss' }, 'role'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post(`/api/lanes/${lane.id}/checklist`, body);
      expect([res.status, res.body.details?.fields?.[0]?.field]).toEqual([400, field]);
    }
    expect((await board()).lanes[4].checklist).toHaveLength(lane.checklist.length);
  });

  it('reorders, edits and retires items; retired items keep recorded values and stop gating', async () => {
    const admin = t.api('admin');
    const hr = (await board()).lanes.find((l) => l.key === 'hr')!;
    const ids = hr.checklist.map((i) => i.id).reverse();
    expect((await admin.put(`/api/lanes/${hr.id}/checklist/order`, { ids: ids.slice(1) })).status).toBe(400);
    expect((await admin.put(`/api/lanes/${hr.id}/checklist/order`, { ids })).status).toBe(200);
    expect((await board()).lanes.find((l) => l.key === 'hr')!.checklist.map((i) => i.id)).toEqual(ids);
    const b = await board();
    const paperwork = itemByLabel(b, 'hr', 'Employee paperwork complete');
    expect(
      (await admin.patch(`/api/checklist-items/${paperwork.id}`, { label: 'Paperwork filed', help: 'In the HR system' })).body.label,
    ).toBe('Paperwork filed');
    const card = await createCard(t);
    await t.db.query(`UPDATE cards SET lane_id = $2 WHERE id = $1`, [card.id, hr.id]);
    await t.api('hr').put(`/api/cards/${card.id}/checklist/${paperwork.id}`, { value: true });
    expect((await admin.delete(`/api/checklist-items/${paperwork.id}`)).status).toBe(204);
    const full = (await t.api('hr').get(`/api/cards/${card.id}`)).body;
    const retired = full.checklists
      .find((c: { laneKey: string }) => c.laneKey === 'hr')
      .items.find((i: { id: string }) => i.id === paperwork.id);
    expect(retired).toMatchObject({ retired: true, value: true });
    expect(full.checklistRequired).toBe(2);
    expect((await t.api('hr').put(`/api/cards/${card.id}/checklist/${paperwork.id}`, { value: true })).status).toBe(409);
  });

  it('manages departments; one that owns a lane cannot be deleted', async () => {
    const admin = t.api('admin');
    expect((await admin.post('/api/departments', { key: 'facilities', name: 'Facilities' })).status).toBe(201);
    expect((await admin.post('/api/departments', { key: 'facilities', name: 'Again' })).status).toBe(400);
    expect((await admin.post('/api/departments', { key: 'Bad Key', name: 'X' })).status).toBe(400);
    expect((await admin.patch('/api/departments/facilities', { name: 'Facilities & Sites' })).status).toBe(200);
    const del = await admin.delete('/api/departments/accounting');
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('DEPARTMENT_IN_USE');
    expect((await admin.delete('/api/departments/facilities')).status).toBe(204);
    const list = (await t.api('ops').get('/api/departments')).body;
    expect(list.map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(['operations', 'accounting', 'hr']));
    expect(list.find((d: { key: string }) => d.key === 'operations')).toMatchObject({ lanes: 4 });
  });

  it('invites a person with a one-time link that sets their password', async () => {
    const admin = t.api('admin');
    const res = await admin.post('/api/users', { name: 'Ivy Invite', email: 'ivy@relay.test', role: 'staff', departments: ['hr'] });
    expect(res.status).toBe(201);
    const token = new URL(res.body.inviteUrl).searchParams.get('invite')!;
    expect((await t.anonymous.post('/api/auth/login', { email: 'ivy@relay.test', password: 'whatever-pass' })).status).toBe(401);
    const short = await t.anonymous.post('/api/auth/accept-invite', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'WEAK_PASSWORD', details: { fields: [{ field: 'password' }] } });
    // The invitee's own name or email is refused too, and a refusal leaves the link working.
    const own = await t.anonymous.post('/api/auth/accept-invite', { token, password: 'ivy-strong-pass' });
    expect(own.body).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD', message: 'password must not contain the email address' });
    const accepted = await t.anonymous.post('/api/auth/accept-invite', { token, password: 'harbour-lantern-42' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.email).toBe('ivy@relay.test');
    expect((await t.anonymous.post('/api/auth/accept-invite', { token, password: 'another-pass-1' })).status).toBe(401);
    expect((await t.anonymous.post('/api/auth/login', { email: 'ivy@relay.test', password: 'harbour-lantern-42' })).status).toBe(200);
  });
});
