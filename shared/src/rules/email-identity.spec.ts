import { personErrors } from './admin-settings.js';
import { emailIdentityProblem, scriptsOf } from './email-identity.js';

describe('emailIdentityProblem: an email that could pass for another person’s is refused', () => {
  it('accepts plain addresses and single-script international ones', () => {
    for (const ok of [
      'admin@relay.test',
      'Ana.Lima+ops@relay.test',
      'josé@relay.test',
      'müller@firma.de',
      'админ@пример.рф',
      '山田@例え.jp',
    ])
      expect([ok, emailIdentityProblem(ok)]).toEqual([ok, null]);
    // Japanese mixes Han and kana with Latin: allowed, as in TR 39's highly restrictive level.
    expect(emailIdentityProblem('やまだ太郎@relay.jp')).toBeNull();
  });

  it('refuses a Cyrillic or Greek letter among Latin ones', () => {
    expect(emailIdentityProblem('\u0430dmin@relay.test')).toMatch(/several scripts \(Cyrillic, Latin\)/);
    expect(emailIdentityProblem('adm\u03b9n@relay.test')).toMatch(/several scripts/);
    // Also when only the domain is of another script.
    expect(emailIdentityProblem('admin@rel\u0430y.test')).toMatch(/several scripts/);
  });

  it('refuses invisible, space and text-direction characters', () => {
    for (const hidden of ['\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u2066', '\u00a0', '\ufe0f'])
      expect(emailIdentityProblem(`ad${hidden}min@relay.test`)).toMatch(/invisible/);
  });

  it('refuses forms that NFKC folds into another address, naming the plain one', () => {
    expect(emailIdentityProblem('\uff41dmin@relay.test')).toBe('email must be written in its plain form (admin@relay.test)');
    expect(emailIdentityProblem('\u{1d41a}dmin@relay.test')).toMatch(/plain form \(admin@relay.test\)/);
    // A decomposed é (e + combining acute) is the same letter as the composed one.
    expect(emailIdentityProblem('jose\u0301@relay.test')).toMatch(/plain form \(josé@relay.test\)/);
  });

  it('refuses a lone surrogate', () => {
    expect(emailIdentityProblem('a\ud800@relay.test')).toMatch(/well-formed/);
  });

  it('tells the scripts of a text, ignoring digits and punctuation', () => {
    expect([...scriptsOf('ops-1@relay.test')]).toEqual(['Latin']);
    expect([...scriptsOf('\u0430dmin')].sort()).toEqual(['Cyrillic', 'Latin']);
    expect(scriptsOf('123@4.5').size).toBe(0);
  });

  it('is the rule personErrors applies to a new person (the admin form and the server agree)', () => {
    const person = { name: 'Ada', role: 'admin' as const, departments: [] };
    expect(personErrors({ ...person, email: 'admin@relay.test' })).toEqual([]);
    expect(personErrors({ ...person, email: '\u0430dmin@relay.test' })).toEqual([
      { field: 'email', message: expect.stringMatching(/several scripts/) },
    ]);
  });
});
