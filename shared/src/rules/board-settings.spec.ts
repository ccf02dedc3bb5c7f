import { settingsPatchErrors } from './board-settings.js';

describe('settingsPatchErrors', () => {
  it('accepts whole days in range, and the touch cadence off', () => {
    expect(settingsPatchErrors({ doneVisibleDays: 1, touchCadenceDays: null })).toEqual([]);
    expect(settingsPatchErrors({ doneVisibleDays: 365, touchCadenceDays: 365 })).toEqual([]);
    expect(settingsPatchErrors({})).toEqual([]);
  });

  it('names each bad field', () => {
    for (const bad of [0, 366, 1.5, '14', null])
      expect(settingsPatchErrors({ doneVisibleDays: bad }).map((e) => e.field)).toEqual(['doneVisibleDays']);
    expect(settingsPatchErrors({ touchCadenceDays: 0 }).map((e) => e.field)).toEqual(['touchCadenceDays']);
  });
});
