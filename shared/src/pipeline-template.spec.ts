import { DEPARTMENT_KEYS, ITEM_KINDS, LANE_KEYS, ROLES } from './domain.js';
import { DEFAULT_DEPARTMENTS, DEFAULT_PIPELINE, DEMO_PEOPLE } from './pipeline-template.js';

const lanes = DEFAULT_PIPELINE.lanes;
const allItems = lanes.flatMap((lane) => lane.items.map((item) => ({ lane: lane.key, ...item })));

describe('DEFAULT_PIPELINE', () => {
  it('has the 8 lanes of LANE_KEYS, in order', () => {
    expect(lanes.map((l) => l.key)).toEqual([...LANE_KEYS]);
    expect(lanes).toHaveLength(8);
  });

  it('gives every choice item at least two distinct, non-empty options', () => {
    const choices = allItems.filter((i) => i.kind === 'choice');
    expect(choices.map((i) => i.label)).toEqual(['Delivery model', 'Supplies included', 'Account readiness']);
    for (const choice of choices) {
      expect(choice.options?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(new Set(choice.options).size).toBe(choice.options?.length);
      for (const option of choice.options ?? []) expect(option.trim()).not.toBe('');
    }
  });

  it('only demands (mustBe) an option that the item offers', () => {
    for (const item of allItems.filter((i) => i.rules?.mustBe !== undefined)) expect(item.options).toContain(item.rules?.mustBe);
  });

  it('gives options only to choice items', () => {
    for (const item of allItems.filter((i) => i.kind !== 'choice')) expect(item.options).toBeUndefined();
  });

  it('uses only known item kinds and roles', () => {
    for (const item of allItems) {
      expect(ITEM_KINDS).toContain(item.kind);
      if (item.role) expect(ROLES).toContain(item.role);
      if (item.rules?.pickRole) expect(ROLES).toContain(item.rules.pickRole);
    }
  });

  it('ends with Done: terminal, no department, no limit, no checklist', () => {
    expect(lanes.at(-1)).toMatchObject({ key: 'done', name: 'Done', department: null, timeLimitHours: null, items: [] });
  });

  it('gives every working lane a known owning department, a positive limit and at least one required item', () => {
    const departments = DEFAULT_DEPARTMENTS.map((d) => d.key);
    for (const lane of lanes.slice(0, -1)) {
      expect(departments).toContain(lane.department);
      expect(lane.timeLimitHours).toBeGreaterThan(0);
      expect(lane.items.some((i) => i.required !== false)).toBe(true);
    }
  });

  it('has the time limits of the product brief (1, 2, 2, 5, 5, 3, 7 days)', () => {
    expect(lanes.map((l) => l.timeLimitHours)).toEqual([24, 48, 48, 120, 120, 72, 168, null]);
  });

  it('makes setup, go-live and the audit supervisor lanes of Operations', () => {
    const supervised = lanes.filter((l) => l.role === 'supervisor').map((l) => l.key);
    expect(supervised).toEqual(['operational_setup', 'go_live', 'first_week_audit']);
    for (const key of supervised) expect(lanes.find((l) => l.key === key)?.department).toBe('operations');
  });

  it('marks exactly the optional items of the brief as optional', () => {
    expect(allItems.filter((i) => i.required === false).map((i) => i.label)).toEqual([
      'Supply order deadline',
      'Site access details',
      'Customer acknowledged',
      'Preferred kick-off date',
      'Billing contact',
      'Purchase order (if you use them)',
      'Audit notes',
    ]);
  });

  it('names every lane for the customer, one line each', () => {
    expect(lanes.map((l) => l.customerName)).toEqual([
      'Getting started',
      'Welcome',
      'Billing set-up',
      'Preparing your service',
      'Staffing',
      'Going live',
      'First-week check',
      'Live',
    ]);
    for (const lane of lanes) expect(lane.customerDescription.length).toBeGreaterThan(10);
  });

  it("asks the customer for a few things, and Go-Live needs the customer's sign-off", () => {
    const requests = allItems.filter((i) => i.audience === 'customer');
    expect(requests.map((i) => [i.lane, i.label, i.kind])).toEqual([
      ['intake', 'Site access details', 'text'],
      ['customer_experience', 'Preferred kick-off date', 'date'],
      ['accounting', 'Billing contact', 'text'],
      ['accounting', 'Purchase order (if you use them)', 'file'],
      ['go_live', 'Customer accepts the service', 'signoff'],
    ]);
    const signoff = requests.find((i) => i.kind === 'signoff')!;
    expect(signoff.required ?? true).toBe(true);
    // Items of the team never carry role restrictions a customer could not meet.
    for (const r of requests) expect(r.role).toBeUndefined();
  });

  it('keeps go-live approval for the senior manager and the supervisor pick to supervisors', () => {
    expect(allItems.find((i) => i.label === 'Go-live approved')?.role).toBe('manager');
    expect(allItems.find((i) => i.label === 'Supervisor assigned')?.rules).toEqual({ pickRole: 'supervisor' });
    expect(allItems.find((i) => i.label === 'Budgeted hours per week')?.rules).toEqual({ greaterThan: 0 });
  });

  it('has unique item labels within each lane', () => {
    for (const lane of lanes) expect(new Set(lane.items.map((i) => i.label)).size).toBe(lane.items.length);
  });
});

describe('DEFAULT_DEPARTMENTS and DEMO_PEOPLE', () => {
  it('seeds exactly the department keys of the domain', () => {
    expect(DEFAULT_DEPARTMENTS.map((d) => d.key)).toEqual([...DEPARTMENT_KEYS]);
  });

  it('seeds one demo person per role, with known departments and unique emails', () => {
    expect(new Set(DEMO_PEOPLE.map((p) => p.email)).size).toBe(DEMO_PEOPLE.length);
    expect(new Set(DEMO_PEOPLE.map((p) => p.role))).toEqual(new Set(ROLES));
    for (const p of DEMO_PEOPLE) for (const d of p.departments) expect(DEPARTMENT_KEYS).toContain(d);
  });
});
