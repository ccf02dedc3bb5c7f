import { DEPARTMENT_KEY_PATTERN } from '@relay/shared';
import { suggestKey } from './department-key';

describe('suggestKey', () => {
  it('turns a name into a key the server accepts', () => {
    expect(suggestKey('Facilities & Sites')).toBe('facilities_sites');
    expect(suggestKey('Qualité')).toBe('qualite');
    expect(suggestKey('24/7 Support')).toBe('support');
    for (const name of ['Facilities & Sites', 'Qualité', 'Legal', 'A very long department name that goes on and on and on'])
      expect(suggestKey(name)).toMatch(DEPARTMENT_KEY_PATTERN);
  });

  it('leaves nothing for a name without letters', () => {
    expect(suggestKey('123 ')).toBe('');
  });
});
