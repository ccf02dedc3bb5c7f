import type { Card } from '../domain.js';
import { summaryOf } from './summary.js';

const card = {
  id: 'c1',
  title: 'Acme',
  lane: { id: 'l2', key: 'customer_experience', name: 'CX' },
  laneId: 'l2',
  laneKey: 'customer_experience',
  position: 3,
  version: 7,
  assignee: { id: 'u1', name: 'Cara' },
  enteredLaneAt: '2026-03-01T10:00:00Z',
  health: 'at_risk',
  overdueMinutes: 0,
  checklistDone: 2,
  checklistRequired: 4,
  riskFlag: 'amber',
  riskReason: 'late data',
  pickedUpBy: null,
  pickedUpAt: null,
  nextAction: { text: 'Call back', due: '2026-03-02' },
  goLiveDate: null,
} as unknown as Card;

describe('summaryOf', () => {
  it('keeps what a tile shows and normalises times to ISO 8601 with milliseconds', () => {
    const s = summaryOf(card);
    expect(s).toMatchObject({ id: 'c1', laneId: 'l2', laneKey: 'customer_experience', version: 7, checklistDone: 2, checklistRequired: 4 });
    expect(s.enteredLaneAt).toBe('2026-03-01T10:00:00.000Z');
    expect(s).toMatchObject({ nextActionText: 'Call back', nextActionDue: '2026-03-02', pickedUpAt: null, riskReason: 'late data' });
  });

  it('takes the lane from the nested lane when the flat fields are absent', () => {
    const s = summaryOf({ ...card, laneId: undefined, laneKey: undefined } as unknown as Card);
    expect([s.laneId, s.laneKey]).toEqual(['l2', 'customer_experience']);
  });
});
