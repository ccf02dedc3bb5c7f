import type { CardEvent } from '@relay/shared';
import { describeEvent, eventActor } from './describe-event';

const ev = (type: CardEvent['type'], data: Record<string, unknown>): CardEvent => ({
  id: 'e',
  type,
  actor: null,
  at: '2026-11-23T10:00:00Z',
  data,
});

describe('describeEvent', () => {
  it('names lanes, items and values the way the server records them', () => {
    expect(
      describeEvent(
        ev('moved', { from: 'intake', to: 'customer_experience', fromName: 'Operations Intake', toName: 'Customer Experience' }),
      ),
    ).toBe('moved it from Operations Intake to Customer Experience');
    expect(describeEvent(ev('sent_back', { to: 'intake', toName: 'Operations Intake', reason: 'Wrong address' }))).toBe(
      'sent it back to Operations Intake: “Wrong address”',
    );
    expect(describeEvent(ev('checklist_set', { label: 'Delivery model', to: 'in-house' }))).toBe('set Delivery model to in-house');
    expect(describeEvent(ev('checklist_set', { label: 'Supervisor assigned', to: 'e8914948-2164-4bb7-bd4b-35bba6d21986' }))).toBe(
      'completed Supervisor assigned',
    );
    expect(describeEvent(ev('checklist_set', { label: 'Welcome email sent', to: true }))).toBe('completed Welcome email sent');
    expect(describeEvent(ev('updated', { fields: ['riskFlag', 'riskReason'] }))).toBe('changed risk flag, risk reason');
  });
});

describe("the customer's part in the history", () => {
  const base = { id: '1', at: '2026-03-01T10:00:00Z' };
  it('names the customer who answered through their link, and the sharing of the link', () => {
    const answered = {
      ...base,
      type: 'checklist_set' as const,
      actor: null,
      data: { label: 'Billing contact', to: 'Ann', customer: 'Ann Harbour' },
    };
    expect(eventActor(answered)).toBe('Ann Harbour (customer)');
    expect(describeEvent(answered)).toBe('set Billing contact to Ann');
    expect(eventActor({ ...base, type: 'nudged', actor: null, data: {} })).toBe('Relay');
    const shared = {
      ...base,
      type: 'shared' as const,
      actor: { id: 'u', name: 'Sofia' },
      data: { emailedTo: 'ann@h.example', replaced: true },
    };
    expect(describeEvent(shared)).toBe('shared the card with the customer (emailed to ann@h.example), replacing the previous link');
    expect(describeEvent({ ...base, type: 'share_revoked', actor: null, data: {} })).toBe("revoked the customer's link");
  });
});
