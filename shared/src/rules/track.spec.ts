import type { ChecklistTemplateItem, Lane } from '../domain.js';
import { customerLaneName, trackView } from './track.js';

const item = (id: string, laneId: string, extra: Partial<ChecklistTemplateItem> = {}): ChecklistTemplateItem => ({
  id,
  laneId,
  label: `Item ${id}`,
  kind: 'text',
  required: true,
  audience: 'team',
  position: 1,
  retired: false,
  ...extra,
});

const lane = (id: string, position: number, hours: number | null, checklist: ChecklistTemplateItem[] = []): Lane => ({
  id,
  key: id === 'l6' ? 'go_live' : id,
  name: `Lane ${id}`,
  customerName: `Step ${id}`,
  customerDescription: null,
  position,
  department: hours === null ? null : 'operations',
  timeLimitHours: hours,
  terminal: hours === null,
  checklist,
});

const lanes = [
  lane('l1', 0, 24, [item('a', 'l1', { audience: 'customer' }), item('secret', 'l1')]),
  lane('l2', 1, 48, [item('b', 'l2', { audience: 'customer', kind: 'choice', options: ['x', 'y'] })]),
  lane('l6', 2, 72, [item('c', 'l6', { audience: 'customer', kind: 'signoff' })]),
  lane('done', 3, null),
];
const now = new Date('2026-03-10T12:00:00Z');

describe('trackView', () => {
  it('names the stage, dates the milestones and lists only the customer requests open so far', () => {
    const view = trackView({
      lanes,
      card: {
        customerName: 'Acme',
        laneId: 'l2',
        enteredLaneAt: '2026-03-10T00:00:00Z',
        goLiveDate: null,
        nextAction: { text: 'Call', ownerId: null, due: '2026-03-12' },
        updatedAt: now,
      },
      values: new Map([['a', { value: 'Back door, code 1234' }]]),
      leftAt: new Map([['l1', '2026-03-09T18:00:00Z']]),
      now,
    });
    expect(view.stage).toEqual({ name: 'Step l2', number: 2, of: 3 });
    expect(view.milestones.map((m) => [m.status, m.doneAt ?? m.targetDate])).toEqual([
      ['done', '2026-03-09'],
      ['current', '2026-03-12'],
      ['upcoming', '2026-03-15'],
      ['upcoming', '2026-03-15'],
    ]);
    expect(view.requests.map((r) => [r.id, r.done])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(view.requests[1].options).toEqual(['x', 'y']);
    expect(view.waitingOnYou).toBe(true);
    // A next action the team did not mark for the customer is not shown.
    expect(view.nextAction).toBeNull();
    expect(view.goLiveDate).toBe('2026-03-15');
  });

  it('shows the next action marked visible, and a closed card as live', () => {
    const view = trackView({
      lanes,
      card: {
        customerName: 'Acme',
        laneId: 'done',
        enteredLaneAt: now,
        goLiveDate: '2026-03-20',
        nextAction: { text: 'Enjoy', ownerId: null, due: null, customerVisible: true },
        updatedAt: now,
      },
      values: new Map(),
      leftAt: new Map(),
      now,
    });
    expect(view.stage).toEqual({ name: 'Step done', number: 3, of: 3 });
    expect(view.milestones.at(-1)).toMatchObject({ status: 'done', doneAt: '2026-03-20' });
    expect(view.nextAction).toEqual({ text: 'Enjoy', due: null });
    expect(view.waitingOnYou).toBe(false);
    // Closed: nothing is asked any more.
    expect(view.requests).toEqual([]);
  });

  it('falls back to the lane name without a customer name', () => {
    expect(customerLaneName({ name: 'HR', customerName: null })).toBe('HR');
    expect(customerLaneName({ name: 'HR', customerName: ' ' })).toBe('HR');
  });
});
