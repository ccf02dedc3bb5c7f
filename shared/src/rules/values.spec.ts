import type { ItemKind } from '../domain.js';
import { type ItemForValue, type ValueContext, isIsoDate, isUuid, satisfiesGate, validateValue } from './values.js';

const USER_ID = '3f2b8c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f';
const SUPERVISOR_ID = '9a0e7d52-41b3-4f0c-8f6e-0d1c2b3a4f5e';
const ATTACHMENT_ID = 'c7d9e8f1-2a3b-4c5d-8e6f-7a8b9c0d1e2f';

function item(kind: ItemKind, extra: Partial<ItemForValue> = {}): ItemForValue {
  return { kind, options: null, rules: null, ...extra };
}

describe('validateValue', () => {
  describe('check', () => {
    it('accepts true', () => {
      expect(validateValue(item('check'), true)).toBeNull();
    });

    it.each([false, 'true', 1, 0, null, undefined, {}])('refuses %p: a tick is only ever true (clearing is a DELETE)', (value) => {
      expect(validateValue(item('check'), value)).toMatch(/must be true/);
    });
  });

  describe('text', () => {
    it('accepts a non-empty string', () => {
      expect(validateValue(item('text'), 'ACC-00417')).toBeNull();
    });

    it.each([42, null, undefined, true, ['a']])('refuses a non-string %p', (value) => {
      expect(validateValue(item('text'), value)).toBe('must be a string');
    });

    it.each(['', '   ', '\n\t'])('refuses a blank string %p', (value) => {
      expect(validateValue(item('text'), value)).toBe('must not be empty');
    });

    it('accepts exactly 5000 characters and refuses 5001', () => {
      expect(validateValue(item('text'), 'x'.repeat(5000))).toBeNull();
      expect(validateValue(item('text'), 'x'.repeat(5001))).toBe('must be at most 5000 characters');
    });
  });

  describe('number', () => {
    it.each([0, -3, 2.5, 1e9])('accepts any finite number %p when the item has no rules', (value) => {
      expect(validateValue(item('number'), value)).toBeNull();
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '5', null, undefined, true])('refuses %p', (value) => {
      expect(validateValue(item('number'), value)).toBe('must be a finite number');
    });

    it('with greaterThan, refuses the bound itself and anything below it', () => {
      const hours = item('number', { rules: { greaterThan: 0 } });
      expect(validateValue(hours, 0)).toBe('must be greater than 0');
      expect(validateValue(hours, -1)).toBe('must be greater than 0');
      expect(validateValue(hours, 0.5)).toBeNull();
      expect(validateValue(hours, 40)).toBeNull();
    });

    it('with min, accepts the bound itself and refuses anything below it', () => {
      const employees = item('number', { rules: { min: 0 } });
      expect(validateValue(employees, 0)).toBeNull();
      expect(validateValue(employees, 12)).toBeNull();
      expect(validateValue(employees, -1)).toBe('must be at least 0');
    });

    it('applies greaterThan and min together', () => {
      const both = item('number', { rules: { greaterThan: 1, min: 5 } });
      expect(validateValue(both, 1)).toBe('must be greater than 1');
      expect(validateValue(both, 3)).toBe('must be at least 5');
      expect(validateValue(both, 5)).toBeNull();
    });

    it('ignores rules meant for other kinds', () => {
      expect(validateValue(item('number', { rules: { mustBe: 'ready', pickRole: 'supervisor' } }), 7)).toBeNull();
    });
  });

  describe('date', () => {
    it.each(['2026-01-05', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-04-30', '1900-01-01', '2199-12-31'])(
      'accepts the real date %s',
      (value) => {
        expect(validateValue(item('date'), value)).toBeNull();
      },
    );

    it.each([
      ['2026-02-30', 'no 30th of February'],
      ['2026-02-29', '2026 is not a leap year'],
      ['1900-02-29', 'century years are leap years only when divisible by 400'],
      ['2026-04-31', 'April has 30 days'],
      ['2026-13-01', 'no 13th month'],
      ['2026-00-10', 'no month 0'],
      ['2026-01-00', 'no day 0'],
      ['2026-01-32', 'no day 32'],
      ['0000-01-01', 'no year zero'],
    ])('refuses the impossible date %s (%s)', (value) => {
      expect(validateValue(item('date'), value)).toBe('must be a date written YYYY-MM-DD');
    });

    it.each([
      ['0002-05-14', 'what a date field holds while its year is being typed'],
      ['0001-01-01', 'long before anyone signed'],
      ['1899-12-31', 'the day before 1900'],
      ['2200-01-01', 'the day after 2199'],
      ['9999-12-31', 'the end of time'],
    ])('refuses the real but implausible date %s (%s)', (value) => {
      expect(validateValue(item('date'), value)).toBe('must be a date between 1900-01-01 and 2199-12-31');
    });

    it.each(['2026-1-5', '26-01-05', '2026/01/05', '05-01-2026', '2026-01-05T00:00:00Z', ' 2026-01-05', '2026-01-05 ', '', 'tomorrow'])(
      'refuses %p: not written YYYY-MM-DD',
      (value) => {
        expect(validateValue(item('date'), value)).toBe('must be a date written YYYY-MM-DD');
      },
    );

    it.each([20260105, new Date('2026-01-05'), null, undefined])('refuses the non-string %p', (value) => {
      expect(validateValue(item('date'), value)).toBe('must be a date written YYYY-MM-DD');
    });
  });

  describe('choice', () => {
    const delivery = item('choice', { options: ['in-house', 'subcontracted'] });

    it.each(['in-house', 'subcontracted'])('accepts the option %s', (value) => {
      expect(validateValue(delivery, value)).toBeNull();
    });

    it.each(['In-house', 'outsourced', '', ' in-house', 1, null, ['in-house']])(
      'refuses %p, which is not exactly one of the options',
      (value) => {
        expect(validateValue(delivery, value)).toBe('must be one of: in-house, subcontracted');
      },
    );

    it('accepts an option other than mustBe: the value is valid, only the gate stays closed', () => {
      const readiness = item('choice', { options: ['ready', 'needs reinforcement'], rules: { mustBe: 'ready' } });
      expect(validateValue(readiness, 'needs reinforcement')).toBeNull();
    });

    it('refuses every value when the item has no options', () => {
      expect(validateValue(item('choice', { options: null }), 'anything')).toMatch(/must be one of/);
      expect(validateValue(item('choice', { options: [] }), '')).toMatch(/must be one of/);
    });
  });

  describe('user', () => {
    const roles: Record<string, string> = { [USER_ID]: 'staff', [SUPERVISOR_ID]: 'supervisor' };
    const ctx: ValueContext = { userRole: (id) => roles[id] };
    const supervisorPick = item('user', { rules: { pickRole: 'supervisor' } });

    it.each(['sofia', '', 42, null, '3f2b8c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6', `${USER_ID}x`])(
      'refuses %p, which is not a user id',
      (value) => {
        expect(validateValue(item('user'), value, ctx)).toBe('must be a user id');
      },
    );

    it('accepts any well-formed id when no context can look users up', () => {
      expect(validateValue(supervisorPick, USER_ID)).toBeNull();
      expect(validateValue(item('user'), USER_ID.toUpperCase())).toBeNull();
    });

    it('refuses an id that belongs to no active user', () => {
      expect(validateValue(item('user'), '00000000-0000-4000-8000-000000000000', ctx)).toBe('must be an active user');
    });

    it('with pickRole, accepts a person of that role', () => {
      expect(validateValue(supervisorPick, SUPERVISOR_ID, ctx)).toBeNull();
    });

    it('with pickRole, refuses a person of another role', () => {
      expect(validateValue(supervisorPick, USER_ID, ctx)).toBe('must be a person with the supervisor role');
    });

    it('without pickRole, accepts a person of any role', () => {
      expect(validateValue(item('user'), USER_ID, ctx)).toBeNull();
    });
  });

  describe('file', () => {
    it.each(['service-docs.pdf', '', 7, null])('refuses %p, which is not an attachment id', (value) => {
      expect(validateValue(item('file'), value)).toBe('must be an attachment id');
    });

    it('accepts a well-formed id when no context can look attachments up', () => {
      expect(validateValue(item('file'), ATTACHMENT_ID)).toBeNull();
    });

    it("refuses an attachment that is not the card's, asking the context about that very id", () => {
      const asked: string[] = [];
      const ctx: ValueContext = {
        hasAttachment: (id) => {
          asked.push(id);
          return false;
        },
      };
      expect(validateValue(item('file'), ATTACHMENT_ID, ctx)).toBe('must be an attachment of this card');
      expect(asked).toEqual([ATTACHMENT_ID]);
    });

    it('accepts an attachment of the card', () => {
      expect(validateValue(item('file'), ATTACHMENT_ID, { hasAttachment: (id) => id === ATTACHMENT_ID })).toBeNull();
    });
  });

  describe('signoff', () => {
    it('accepts a name with accepted: true', () => {
      expect(validateValue(item('signoff'), { name: 'Dana Customer', accepted: true })).toBeNull();
    });

    it.each([
      [true, /name, accepted/],
      ['Dana', /name, accepted/],
      [[], /name, accepted/],
      [{ name: 'Dana' }, /accepted: true/],
      [{ name: 'Dana', accepted: 'yes' }, /accepted: true/],
      [{ name: '  ', accepted: true }, /name of the person/],
      [{ name: 'x'.repeat(201), accepted: true }, /at most 200/],
      [{ name: 'Dana', accepted: true, at: '2020-01-01' }, /only name and accepted/],
    ])('refuses %p', (value, message) => {
      expect(validateValue(item('signoff'), value)).toMatch(message);
    });

    it('passes the gate only when accepted by a named person', () => {
      expect(satisfiesGate({ rules: null }, { name: 'Dana', accepted: true })).toBe(true);
      expect(satisfiesGate({ rules: null }, { name: ' ', accepted: true })).toBe(false);
      expect(satisfiesGate({ rules: null }, { name: 'Dana', accepted: false } as never)).toBe(false);
    });
  });

  it('refuses every value for an item kind it does not know (fails closed)', () => {
    const unknown = { kind: 'signature', options: null, rules: null } as unknown as ItemForValue;
    expect(validateValue(unknown, true)).toMatch(/unknown item kind "signature"/);
  });
});

describe('satisfiesGate', () => {
  const plain = { rules: null };

  it.each([null, undefined, false])('is not satisfied by an absent value %p', (value) => {
    expect(satisfiesGate(plain, value)).toBe(false);
  });

  it.each([true, 'ACC-00417', 40, '2026-01-05'])('is satisfied by the present value %p when no option is demanded', (value) => {
    expect(satisfiesGate(plain, value)).toBe(true);
  });

  it('is satisfied by the number 0 (e.g. no employees needed)', () => {
    expect(satisfiesGate({ rules: { min: 0 } }, 0)).toBe(true);
  });

  it.each(['', '   '])('is not satisfied by a blank text %p', (value) => {
    expect(satisfiesGate(plain, value)).toBe(false);
  });

  it('is not satisfied by a non-finite number', () => {
    expect(satisfiesGate(plain, Number.NaN)).toBe(false);
  });

  it('for a choice with mustBe, is satisfied only by that option', () => {
    const readiness = { rules: { mustBe: 'ready' } };
    expect(satisfiesGate(readiness, 'ready')).toBe(true);
    expect(satisfiesGate(readiness, 'needs reinforcement')).toBe(false);
    expect(satisfiesGate(readiness, null)).toBe(false);
  });
});

describe('isIsoDate', () => {
  it('accepts dates of the first century, which Date.UTC would map to the 1900s', () => {
    expect(isIsoDate('0001-01-01')).toBe(true);
    expect(isIsoDate('0099-12-31')).toBe(true);
    expect(isIsoDate('0004-02-29')).toBe(true);
    expect(isIsoDate('0100-02-29')).toBe(false);
  });

  it('accepts leap days only in leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('accepts the last day of every month and refuses the day after', () => {
    const lastDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lastDays.forEach((last, i) => {
      const month = String(i + 1).padStart(2, '0');
      expect(isIsoDate(`2026-${month}-${last}`)).toBe(true);
      expect(isIsoDate(`2026-${month}-${last + 1}`)).toBe(false);
    });
  });

  it.each([undefined, null, 20260105, new Date(), '2026-01-05T10:00:00.000Z', '+2026-01-05', '12026-01-05'])('refuses %p', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('isUuid', () => {
  it('accepts canonical ids in either case', () => {
    expect(isUuid(USER_ID)).toBe(true);
    expect(isUuid(USER_ID.toUpperCase())).toBe(true);
  });

  it.each(['', 'not-a-uuid', USER_ID.replace(/-/g, ''), `{${USER_ID}}`, 42, null])('refuses %p', (value) => {
    expect(isUuid(value)).toBe(false);
  });
});
