import type { BoardResponse, Card, ChecklistTemplateItem, ItemValue, SalesForm } from '@relay/shared';
import type { TestApp } from '../support/test-app.js';

export function salesForm(overrides: Partial<SalesForm> = {}): SalesForm {
  return {
    customerName: 'Gatekeeper Foods',
    contactName: 'Grace Keeper',
    contactEmail: 'grace@gatekeeper.example',
    contactPhone: '+1 555 0100',
    serviceAddress: '12 Harbour Road',
    contractStartDate: '2026-12-01',
    contractValue: 48000,
    services: ['janitorial', 'day porter'],
    ...overrides,
  };
}

export async function createCard(t: TestApp, overrides: Partial<SalesForm> = {}): Promise<Card> {
  const res = await t.http
    .post('/api/cards')
    .set(await t.as('sales'))
    // Tests create many cards for the same customer: the duplicate warning has its own test.
    .send({ ...salesForm(overrides), allowDuplicate: true });
  if (res.status !== 201) throw new Error(`create card: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function userId(t: TestApp, who: string): Promise<string> {
  return (await t.http.get('/api/auth/me').set(await t.as(who))).body.user.id;
}

/** A valid value for an item, uploading an attachment for file items. */
export async function validValue(t: TestApp, cardId: string, item: ChecklistTemplateItem, who: string): Promise<ItemValue> {
  switch (item.kind) {
    case 'check':
      return true;
    case 'text':
      return 'Done: ref 1234';
    case 'number':
      return 12;
    case 'date':
      return '2026-12-01';
    case 'choice':
      return item.rules?.mustBe ?? item.options![0];
    case 'user':
      return userId(t, 'supervisor');
    case 'file': {
      const res = await t.http
        .post(`/api/cards/${cardId}/attachments`)
        .set(await t.as(who))
        .attach('file', Buffer.from('%PDF-1.4 relay test'), { filename: `${item.label}.pdf`, contentType: 'application/pdf' });
      if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id;
    }
    case 'signoff':
      // Staff may record the customer's acceptance for them (e.g. received in writing by email).
      return { name: 'Dana Customer', accepted: true };
  }
}

/** Completes every required item of a lane, each by `who` (role-restricted items by `roleWho[role]`). */
export async function completeLane(
  t: TestApp,
  cardId: string,
  laneKey: string,
  who: string,
  roleWho: Record<string, string> = {},
): Promise<Card> {
  const board: BoardResponse = await t.board(who);
  const lane = board.lanes.find((l) => l.key === laneKey)!;
  let card: Card | null = null;
  for (const item of lane.checklist.filter((i) => i.required && !i.retired)) {
    const actor = item.role ? (roleWho[item.role] ?? who) : who;
    const value = await validValue(t, cardId, item, actor);
    const res = await t.http
      .put(`/api/cards/${cardId}/checklist/${item.id}`)
      .set(await t.as(actor))
      .send({ value });
    if (res.status !== 200) throw new Error(`set ${item.label}: ${res.status} ${JSON.stringify(res.body)}`);
    card = res.body;
  }
  return card!;
}

export async function move(t: TestApp, cardId: string, toLane: string, who: string, version: number, reason?: string) {
  return t.http
    .post(`/api/cards/${cardId}/move`)
    .set(await t.as(who))
    .send({ toLane, version, ...(reason ? { reason } : {}) });
}

export function itemByLabel(board: BoardResponse, laneKey: string, label: string): ChecklistTemplateItem {
  const item = board.lanes.find((l) => l.key === laneKey)!.checklist.find((i) => i.label === label);
  if (!item) throw new Error(`no item ${label} in ${laneKey}`);
  return item;
}
