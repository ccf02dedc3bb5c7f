import { TIME_LIMIT_MAX_HOURS, departmentErrors, laneSettingsErrors, personErrors } from './admin-settings.js';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('laneSettingsErrors', () => {
  it('accepts a rename, an owner and a limit within a year', () => {
    expect(laneSettingsErrors({ name: 'Billing', department: 'accounting', timeLimitHours: 36 })).toEqual([]);
    expect(laneSettingsErrors({ timeLimitHours: 0.5 })).toEqual([]);
    expect(laneSettingsErrors({})).toEqual([]);
  });

  it('refuses a limit of zero or less, more than a year, or not a number', () => {
    expect(laneSettingsErrors({ timeLimitHours: 0 })).toEqual([
      { field: 'timeLimitHours', message: 'timeLimitHours must be greater than 0' },
    ]);
    expect(fields(laneSettingsErrors({ timeLimitHours: -5 }))).toEqual(['timeLimitHours']);
    expect(fields(laneSettingsErrors({ timeLimitHours: TIME_LIMIT_MAX_HOURS + 1 }))).toEqual(['timeLimitHours']);
    expect(fields(laneSettingsErrors({ timeLimitHours: Number.NaN }))).toEqual(['timeLimitHours']);
  });

  it('refuses an empty name and a malformed department key', () => {
    expect(fields(laneSettingsErrors({ name: ' ', department: 'Not A Key' }))).toEqual(['name', 'department']);
  });
});

describe('departmentErrors', () => {
  it('needs a key only when creating', () => {
    expect(departmentErrors({ key: 'facilities', name: 'Facilities' }, true)).toEqual([]);
    expect(fields(departmentErrors({ key: 'Bad Key', name: 'X' }, true))).toEqual(['key']);
    expect(fields(departmentErrors({ key: 'f', name: 'X' }, true))).toEqual(['key']);
    expect(departmentErrors({ name: 'People' }, false)).toEqual([]);
    expect(fields(departmentErrors({ name: '' }, false))).toEqual(['name']);
  });
});

describe('personErrors', () => {
  const valid = { name: 'Ivy Invite', email: 'ivy@relay.test', role: 'staff' as const, departments: ['hr'] };

  it('accepts a new person with or without a password', () => {
    expect(personErrors(valid)).toEqual([]);
    expect(personErrors({ ...valid, password: 'harbour-lantern-42' })).toEqual([]);
    expect(personErrors({ ...valid, password: 'ivy-strong-pass' })).toEqual([
      { field: 'password', message: 'password must not contain the email address' },
    ]);
  });

  it('names each bad field of a new person', () => {
    expect(fields(personErrors({ name: '', email: 'nope', role: 'boss' as never, departments: ['hr', 'hr'], password: 'short' }))).toEqual([
      'name',
      'email',
      'role',
      'departments',
      'password',
    ]);
  });

  it('checks only what an edit sends', () => {
    expect(personErrors({ role: 'admin' }, true)).toEqual([]);
    expect(fields(personErrors({ name: '' }, true))).toEqual(['name']);
  });

  it("checks an edit's new password against the person being edited", () => {
    const ivy = { email: 'ivy@relay.test', name: 'Ivy Invite' };
    expect(personErrors({ password: 'invite-me-in-2026' }, true, ivy)).toEqual([
      { field: 'password', message: 'password must not contain the name' },
    ]);
    expect(personErrors({ password: 'harbour-lantern-42' }, true, ivy)).toEqual([]);
  });
});
