/**
 * Search by word or word beginning, ignoring case and accents (issue 24): "jose" finds "José Núñez",
 * "núñ" finds it too, "anna@exam" finds "anna.berg@example.com". The server's list search (full-text over
 * customer name, contact name and email, service address, notes and special conditions) follows this rule;
 * the board applies it to the cards it holds.
 */

/** Lower case without accents: `normalize('NFD')` splits "é" into "e" and a combining mark, which is dropped. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en');
}

const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** The words of a text (letters and digits), folded; punctuation, spaces and "@" separate words. */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(WORD_SEPARATOR)
    .filter((w) => w !== '');
}

/**
 * Whether every word of `q` begins some word of `fields` (missing fields are skipped). An empty or
 * punctuation-only query matches everything.
 */
export function matchesSearch(fields: readonly (string | null | undefined)[], q: string): boolean {
  const terms = searchWords(q);
  if (terms.length === 0) return true;
  const words = fields.flatMap((f) => (f ? searchWords(f) : []));
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}
