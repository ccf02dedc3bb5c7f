import { checkPersonDraft, newPersonDraft } from './person-draft';

describe('checkPersonDraft: the admin form applies the server’s rule to a new person’s email', () => {
  const draft = (email: string) => ({ ...newPersonDraft(), name: 'Ada Admin', email });

  it('accepts a plain address', () => {
    expect(checkPersonDraft(draft('admin@relay.test'), null)).toEqual({});
  });

  it('refuses a look-alike before it is sent: mixed scripts, invisible characters, full-width letters', () => {
    expect(checkPersonDraft(draft('\u0430dmin@relay.test'), null).email).toMatch(/several scripts/);
    expect(checkPersonDraft(draft('ad\u200bmin@relay.test'), null).email).toMatch(/invisible/);
    expect(checkPersonDraft(draft('\uff41dmin@relay.test'), null).email).toMatch(/plain form \(admin@relay.test\)/);
  });
});
