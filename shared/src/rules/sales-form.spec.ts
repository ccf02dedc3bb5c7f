import type { SalesForm } from '../domain.js';
import { CONTRACT_VALUE_MAX, isEmail, validateSalesForm } from './sales-form.js';

const valid: SalesForm = {
  customerName: 'Gatekeeper Foods',
  contactName: 'Grace Keeper',
  contactEmail: 'grace@gatekeeper.example',
  contactPhone: '+1 555 0100',
  serviceAddress: '12 Harbour Road, Springfield',
  contractStartDate: '2026-04-01',
  contractValue: 120_000,
  services: ['office cleaning', 'window cleaning'],
  specialConditions: 'Night shifts only',
  notes: 'Referred by Acme',
};

const fieldsOf = (input: Parameters<typeof validateSalesForm>[0], partial = false): string[] =>
  validateSalesForm(input, partial).map((e) => e.field);

describe('validateSalesForm (a new onboarding)', () => {
  it('accepts a complete form', () => {
    expect(validateSalesForm(valid)).toEqual([]);
  });

  it('accepts a form with only the required fields', () => {
    const { contactPhone: _p, contractValue: _v, specialConditions: _s, notes: _n, ...required } = valid;
    expect(validateSalesForm(required)).toEqual([]);
  });

  it('accepts null for every optional field', () => {
    expect(validateSalesForm({ ...valid, contactPhone: null, contractValue: null, specialConditions: null, notes: null })).toEqual([]);
  });

  it.each(['customerName', 'contactName', 'serviceAddress'] as const)('requires %s', (field) => {
    for (const bad of [undefined, null, '', '   ', 42]) {
      expect(validateSalesForm({ ...valid, [field]: bad })).toEqual([{ field, message: `${field} is required` }]);
    }
  });

  it('limits customerName and contactName to 200 characters and serviceAddress to 500', () => {
    expect(fieldsOf({ ...valid, customerName: 'x'.repeat(200) })).toEqual([]);
    expect(validateSalesForm({ ...valid, customerName: 'x'.repeat(201) })).toEqual([
      { field: 'customerName', message: 'customerName must be at most 200 characters' },
    ]);
    expect(fieldsOf({ ...valid, contactName: 'x'.repeat(201) })).toEqual(['contactName']);
    expect(fieldsOf({ ...valid, serviceAddress: 'x'.repeat(500) })).toEqual([]);
    expect(fieldsOf({ ...valid, serviceAddress: 'x'.repeat(501) })).toEqual(['serviceAddress']);
  });

  it('requires contactEmail', () => {
    for (const bad of [undefined, null, '', '  ', 7]) {
      expect(validateSalesForm({ ...valid, contactEmail: bad })).toEqual([{ field: 'contactEmail', message: 'contactEmail is required' }]);
    }
  });

  it.each(['grace', 'grace@', '@gatekeeper.example', 'grace@gatekeeper', 'grace @gatekeeper.example', 'grace@gatekeeper.c'])(
    'refuses the malformed contactEmail %p',
    (email) => {
      expect(validateSalesForm({ ...valid, contactEmail: email })).toEqual([
        { field: 'contactEmail', message: 'contactEmail must be an email address' },
      ]);
    },
  );

  it('requires contractStartDate as a real YYYY-MM-DD date', () => {
    const message = 'contractStartDate must be a date written YYYY-MM-DD';
    for (const bad of [undefined, null, '', '2026-02-30', '01/04/2026', '2026-04-01T00:00:00Z']) {
      expect(validateSalesForm({ ...valid, contractStartDate: bad })).toEqual([{ field: 'contractStartDate', message }]);
    }
  });

  it('refuses a contractStartDate outside 1900–2199 (a year still being typed)', () => {
    const message = 'contractStartDate must be a date between 1900-01-01 and 2199-12-31';
    for (const bad of ['0002-04-01', '1899-12-31', '2200-01-01'])
      expect(validateSalesForm({ ...valid, contractStartDate: bad })).toEqual([{ field: 'contractStartDate', message }]);
  });

  it('accepts a contractValue of 0 or more and refuses anything else', () => {
    expect(fieldsOf({ ...valid, contractValue: 0 })).toEqual([]);
    expect(fieldsOf({ ...valid, contractValue: 99.5 })).toEqual([]);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '1000']) {
      expect(validateSalesForm({ ...valid, contractValue: bad })).toEqual([
        { field: 'contractValue', message: 'contractValue must be a number of at least 0' },
      ]);
    }
  });

  it('refuses a contractValue larger than Relay stores', () => {
    expect(fieldsOf({ ...valid, contractValue: CONTRACT_VALUE_MAX })).toEqual([]);
    expect(validateSalesForm({ ...valid, contractValue: CONTRACT_VALUE_MAX + 1 })).toEqual([
      { field: 'contractValue', message: `contractValue must be at most ${CONTRACT_VALUE_MAX}` },
    ]);
  });

  it('requires at least one service', () => {
    for (const bad of [undefined, null, [], 'office cleaning']) {
      expect(validateSalesForm({ ...valid, services: bad })).toEqual([
        { field: 'services', message: 'services must list at least one service' },
      ]);
    }
  });

  it('requires every service to be a non-empty string of at most 200 characters', () => {
    for (const bad of [[''], ['cleaning', '  '], ['cleaning', 3], ['x'.repeat(201)]]) {
      expect(validateSalesForm({ ...valid, services: bad })).toEqual([
        { field: 'services', message: 'each service must be a non-empty string' },
      ]);
    }
    expect(fieldsOf({ ...valid, services: ['x'.repeat(200)] })).toEqual([]);
  });

  it('limits contactPhone to 40 characters and notes and specialConditions to 5000', () => {
    expect(fieldsOf({ ...valid, contactPhone: '1'.repeat(40) })).toEqual([]);
    expect(validateSalesForm({ ...valid, contactPhone: '1'.repeat(41) })).toEqual([
      { field: 'contactPhone', message: 'contactPhone must be at most 40 characters' },
    ]);
    expect(fieldsOf({ ...valid, notes: 'x'.repeat(5000), specialConditions: 'x'.repeat(5000) })).toEqual([]);
    expect(fieldsOf({ ...valid, notes: 'x'.repeat(5001) })).toEqual(['notes']);
    expect(fieldsOf({ ...valid, specialConditions: 'x'.repeat(5001) })).toEqual(['specialConditions']);
  });

  it.each(['contactPhone', 'specialConditions', 'notes'] as const)('refuses a non-string %s', (field) => {
    expect(validateSalesForm({ ...valid, [field]: 5551234 })).toEqual([{ field, message: `${field} must be a string` }]);
  });

  it('names every bad field at once, in form order', () => {
    expect(fieldsOf({})).toEqual(['customerName', 'contactName', 'contactEmail', 'serviceAddress', 'contractStartDate', 'services']);
  });
});

describe('validateSalesForm (partial: a PATCH)', () => {
  it('accepts an empty change', () => {
    expect(validateSalesForm({}, true)).toEqual([]);
  });

  it('does not ask for fields that are absent', () => {
    expect(validateSalesForm({ notes: 'Call before 10am' }, true)).toEqual([]);
    expect(validateSalesForm({ customerName: 'Gatekeeper Foods Ltd' }, true)).toEqual([]);
  });

  it('checks each field that is present', () => {
    expect(fieldsOf({ customerName: '' }, true)).toEqual(['customerName']);
    expect(fieldsOf({ contactName: '   ' }, true)).toEqual(['contactName']);
    expect(validateSalesForm({ contactEmail: 'not-an-email' }, true)).toEqual([
      { field: 'contactEmail', message: 'contactEmail must be an email address' },
    ]);
    expect(fieldsOf({ serviceAddress: 'x'.repeat(501) }, true)).toEqual(['serviceAddress']);
    expect(fieldsOf({ contractStartDate: '2026-02-30' }, true)).toEqual(['contractStartDate']);
    expect(fieldsOf({ services: [] }, true)).toEqual(['services']);
    expect(fieldsOf({ contractValue: -5 }, true)).toEqual(['contractValue']);
    expect(fieldsOf({ contactPhone: '1'.repeat(41) }, true)).toEqual(['contactPhone']);
  });

  it('refuses null for a required field, which would erase it', () => {
    expect(fieldsOf({ customerName: null, contactEmail: null, contractStartDate: null, services: null }, true)).toEqual([
      'customerName',
      'contactEmail',
      'contractStartDate',
      'services',
    ]);
  });

  it('lets null clear an optional field', () => {
    expect(validateSalesForm({ contactPhone: null, contractValue: null, notes: null, specialConditions: null }, true)).toEqual([]);
  });
});

describe('isEmail', () => {
  it.each(['grace@gatekeeper.example', 'first.last+onboarding@mail.example.co.uk', 'a@b.io', 'GRACE@GATEKEEPER.EXAMPLE'])(
    'accepts %p',
    (email) => {
      expect(isEmail(email)).toBe(true);
    },
  );

  it.each([
    '',
    'grace',
    'grace@gatekeeper',
    'grace@gatekeeper.c',
    'gr ace@gatekeeper.example',
    'grace@@gatekeeper.example',
    'grace@gate@keeper.example',
  ])('refuses %p', (email) => {
    expect(isEmail(email)).toBe(false);
  });

  it('refuses an address longer than 254 characters', () => {
    const local = 'x'.repeat(64);
    const domain = `${'d'.repeat(185)}.example`;
    expect(`${local}@${domain}`.length).toBe(258);
    expect(isEmail(`${local}@${domain}`)).toBe(false);
    expect(isEmail(`${local}@${domain.slice(4)}`)).toBe(true);
  });

  it.each([null, undefined, 42, ['a@b.io']])('refuses the non-string %p', (value) => {
    expect(isEmail(value)).toBe(false);
  });
});
