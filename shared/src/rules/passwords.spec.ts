import { DEMO_PASSWORD } from '../pipeline-template.js';
import { PASSWORD_LENGTH, passwordProblem } from './passwords.js';

describe('passwordProblem', () => {
  const olive = { email: 'olive.ops@relay.test', name: 'Olive Oppenheimer' };

  it('accepts a long password made of none of the person’s details', () => {
    expect(passwordProblem('harbour-lantern-42', olive)).toBeNull();
    expect(passwordProblem('x'.repeat(PASSWORD_LENGTH.max), olive)).toBeNull();
  });

  it('needs 12 to 200 characters', () => {
    expect(PASSWORD_LENGTH.min).toBe(12);
    expect(passwordProblem('eleven-char')).toBe('password must be at least 12 characters');
    expect(passwordProblem('twelve-chars')).toBeNull();
    expect(passwordProblem('x'.repeat(PASSWORD_LENGTH.max + 1))).toBe('password must be at most 200 characters');
  });

  it('refuses the demo password, the default one and this server’s, in any case', () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBe('password must not be the demo password');
    expect(passwordProblem('Relay-Demo-PASS')).toBe('password must not be the demo password');
    expect(passwordProblem('our-own-demo-secret', { demoPassword: 'our-own-demo-secret' })).toBe('password must not be the demo password');
    expect(passwordProblem('our-own-demo-secret')).toBeNull();
  });

  it('refuses a common password as the list given says, and only when a list is given', () => {
    const list = new Set(['qwertyuiop123']);
    const isCommon = (p: string) => list.has(p.toLowerCase());
    expect(passwordProblem('QwertyUIOP123', {}, isCommon)).toMatch(/^password is one of the most common passwords/);
    expect(passwordProblem('QwertyUIOP123')).toBeNull();
  });

  it('refuses a password containing the email, its local part or its pieces, in any case', () => {
    expect(passwordProblem('OLIVE.OPS@relay.test!', olive)).toBe('password must not contain the email address');
    expect(passwordProblem('my-olive.ops-secret', olive)).toBe('password must not contain the email address');
    expect(passwordProblem('tops-and-bottoms-1', olive)).toBe('password must not contain the email address');
  });

  it('refuses a password containing the name or a word of it, ignoring words under 3 letters', () => {
    expect(passwordProblem('oppenheimer-2026!', { name: 'Olive Oppenheimer' })).toBe('password must not contain the name');
    expect(passwordProblem('x-OliveOppenheimer', { name: 'Olive Oppenheimer' })).toBe('password must not contain the name');
    expect(passwordProblem('harbour-al-lantern', { email: 'al@relay.test', name: 'Al Bo' })).toBeNull();
  });
});
