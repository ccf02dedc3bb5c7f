import { foldText, matchesSearch, searchWords } from './search.js';

describe('foldText', () => {
  it('drops accents and case', () => {
    expect(foldText('José NÚÑEZ Ærøskøbing Çà')).toBe('jose nunez ærøskøbing ca');
  });
});

describe('searchWords', () => {
  it('splits on punctuation, spaces and the email sign', () => {
    expect(searchWords('Anna.Berg@Example.com, 12 Rue d’Été')).toEqual(['anna', 'berg', 'example', 'com', '12', 'rue', 'd', 'ete']);
  });
});

describe('matchesSearch', () => {
  const fields = ['Müller Bäckerei GmbH', 'José Núñez', 'jose.nunez@example.com', '4 Hauptstraße, Zürich', null, undefined];

  it('matches whole words and word beginnings, ignoring case and accents', () => {
    expect(matchesSearch(fields, 'muller')).toBe(true);
    expect(matchesSearch(fields, 'MÜLL')).toBe(true);
    expect(matchesSearch(fields, 'bäck')).toBe(true);
    expect(matchesSearch(fields, 'zur')).toBe(true);
    expect(matchesSearch(fields, 'núñ')).toBe(true);
  });

  it('needs every word of the query, each in any field', () => {
    expect(matchesSearch(fields, 'jose zurich')).toBe(true);
    expect(matchesSearch(fields, 'jose berlin')).toBe(false);
  });

  it('matches an email by its parts, typed with or without punctuation', () => {
    expect(matchesSearch(fields, 'jose.nunez@exa')).toBe(true);
    expect(matchesSearch(fields, 'example')).toBe(true);
  });

  // The same inputs as the server's list search (closed-cards.spec.ts): the two rules agree on them.
  it.each([
    ['acme', true],
    ['ana', true],
    ['acme.io', true],
    ['ana@acme.io', true],
    ['cme', false],
  ])('finds "ana@acme.io" by %s: %s', (q, found) => {
    expect(matchesSearch(['Acme Widgets', 'ana@acme.io'], q)).toBe(found);
  });

  it('does not match inside a word', () => {
    expect(matchesSearch(fields, 'ller')).toBe(false);
    expect(matchesSearch(fields, 'mbh')).toBe(false);
  });

  it('matches everything with an empty or punctuation-only query', () => {
    expect(matchesSearch(fields, '')).toBe(true);
    expect(matchesSearch(fields, '  ., ')).toBe(true);
    expect(matchesSearch([], '')).toBe(true);
  });

  it('matches nothing when no field is there', () => {
    expect(matchesSearch([null, undefined, ''], 'a')).toBe(false);
  });
});
