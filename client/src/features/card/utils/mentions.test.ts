import { mentionHandles } from '@relay/shared';
import { insertMention, matchPeople, mentionAt, mentionCandidates } from './mentions';

const people = mentionCandidates([
  { id: '1', name: 'Olive Ops', email: 'ops@relay.test' },
  { id: '2', name: 'Aaron Accounts', email: 'accounting@relay.test' },
  { id: '3', name: 'Mona Manager', email: 'manager@relay.test' },
  { id: '4', name: 'Zoë Ortega', email: 'zoe.ortega@relay.test' },
  { id: '5', name: 'Plus Person', email: 'plus+tag@relay.test' },
]);

describe('mentionAt', () => {
  it('finds the @word at the caret, at the start or after a space or bracket', () => {
    expect(mentionAt('@op', 3)).toEqual({ start: 0, end: 3, query: 'op' });
    expect(mentionAt('ask @acc', 8)).toEqual({ start: 4, end: 8, query: 'acc' });
    expect(mentionAt('(@mo', 4)).toEqual({ start: 1, end: 4, query: 'mo' });
    expect(mentionAt('hi @', 4)).toEqual({ start: 3, end: 4, query: '' });
  });

  it('covers the whole word when the caret is inside it', () => {
    expect(mentionAt('ask @accounting now', 7)).toEqual({ start: 4, end: 15, query: 'ac' });
  });

  it('is null for email addresses, double @, and once the word is finished', () => {
    expect(mentionAt('gail@gate', 9)).toBeNull();
    expect(mentionAt('@@ops', 5)).toBeNull();
    expect(mentionAt('@ops done', 9)).toBeNull();
    expect(mentionAt('no mention', 4)).toBeNull();
  });
});

describe('matchPeople', () => {
  it('matches by handle and by any word of the name, ignoring case and accents', () => {
    expect(matchPeople(people, 'ops').map((p) => p.handle)).toEqual(['ops']);
    expect(matchPeople(people, 'OLI').map((p) => p.handle)).toEqual(['ops']);
    expect(matchPeople(people, 'orte').map((p) => p.handle)).toEqual(['zoe.ortega']);
    expect(matchPeople(people, 'zoe').map((p) => p.handle)).toEqual(['zoe.ortega']);
  });

  it('ranks handle prefixes before name words and substrings', () => {
    // "a": accounting's handle starts with it; manager and zoe.ortega only contain it (then by name); Olive Ops not at all.
    expect(matchPeople(people, 'a').map((p) => p.handle)).toEqual(['accounting', 'manager', 'zoe.ortega']);
    expect(matchPeople(people, 'ma').map((p) => p.handle)).toEqual(['manager']);
  });

  it('offers everyone for a bare @, and leaves out people without a usable handle', () => {
    expect(matchPeople(people, '').map((p) => p.name)).toEqual(['Aaron Accounts', 'Mona Manager', 'Olive Ops', 'Zoë Ortega']);
    expect(matchPeople(people, 'plus')).toEqual([]);
  });

  it('returns nothing when nobody matches', () => {
    expect(matchPeople(people, 'xyz')).toEqual([]);
  });
});

describe('insertMention', () => {
  it('replaces the typed word with @handle and a space, caret after it', () => {
    const text = 'ask @acc';
    const r = insertMention(text, mentionAt(text, 8)!, 'accounting');
    expect(r).toEqual({ text: 'ask @accounting ', caret: 16 });
  });

  it('keeps what follows, without doubling the space', () => {
    const text = 'ask @ac now';
    const r = insertMention(text, mentionAt(text, 7)!, 'accounting');
    expect(r.text).toBe('ask @accounting now');
    expect(r.caret).toBe(16);
  });

  it("writes plain tokens the server's parser reads", () => {
    let text = '(@oli';
    text = insertMention(text, mentionAt(text, text.length)!, 'ops').text + 'and @zo';
    text = insertMention(text, mentionAt(text, text.length)!, 'zoe.ortega').text + 'please.';
    expect(text).toBe('(@ops and @zoe.ortega please.');
    expect(mentionHandles(text)).toEqual(['ops', 'zoe.ortega']);
  });
});
