import { makeCard, makeLanes, makeUser } from '../../../test/fixtures';
import { cardMatcher, filterParams, hasFilters, parseFilters } from './filters';

const lanes = makeLanes();
const intake = lanes[0]!;
const accounting = lanes.find((l) => l.key === 'accounting')!;
const me = makeUser({ departments: ['accounting'] });

describe('filters', () => {
  it('round-trips through the query string', () => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filterParams({ myDepartment: true, stuck: true, flag: 'red', search: 'gate' })))
      if (v) params.set(k, v);
    expect(parseFilters(params)).toEqual({
      myDepartment: true,
      assignedToMe: false,
      atRisk: false,
      stuck: true,
      flag: 'red',
      search: 'gate',
    });
    expect(parseFilters(new URLSearchParams('flag=purple')).flag).toBeNull();
    expect(hasFilters(parseFilters(new URLSearchParams()))).toBe(false);
  });

  it('matches by department, assignee, health, flag and customer name', () => {
    const mineInAccounting = makeCard(accounting, {
      title: 'Gatekeeper Foods',
      assignee: { id: me.id, name: me.name },
      health: 'stuck',
      riskFlag: 'red',
    });
    const other = makeCard(intake, { title: 'Other Co', health: 'at_risk' });
    const f = (q: string) => cardMatcher(parseFilters(new URLSearchParams(q)), me, lanes);
    expect(f('dept=1')(mineInAccounting)).toBe(true);
    expect(f('dept=1')(other)).toBe(false);
    expect(f('mine=1')(other)).toBe(false);
    expect(f('stuck=1')(mineInAccounting)).toBe(true);
    expect(f('stuck=1')(other)).toBe(false);
    expect(f('risk=1&stuck=1')(other)).toBe(true);
    expect(f('flag=red')(other)).toBe(false);
    expect(f('q=GATE')(mineInAccounting)).toBe(true);
    expect(f('q=gate')(other)).toBe(false);
  });

  it('searches as the Cards list does: word beginnings, any case, no accents, not inside a word', () => {
    const card = makeCard(intake, { title: 'Bäckerei Müller-Šimić' });
    const f = (q: string) => cardMatcher(parseFilters(new URLSearchParams({ q })), me, lanes)(card);
    expect(f('backerei')).toBe(true);
    expect(f('MULL')).toBe(true);
    expect(f('simic back')).toBe(true);
    expect(f('ckerei')).toBe(false);
    expect(f('müller schmidt')).toBe(false);
  });
});
