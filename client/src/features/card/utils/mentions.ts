import { mentionHandleOf, type User } from '@relay/shared';

/** The `@word` being typed: where it starts (the `@`), where the word ends, and what follows the `@` up to the caret. */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

export interface MentionCandidate {
  id: string;
  name: string;
  email: string;
  /** What to write after `@`: the email name the server's parser looks up. */
  handle: string;
}

// Letters in any script, so "@zoë" still finds Zoë; the inserted handle is plain.
const WORD_CHAR = /[\p{L}\p{N}._-]/u;
// As in the server's parser: a mention starts the text or follows something that is not a word character or `@`.
const BLOCKS_MENTION = /[\w@]/;
const MAX_QUERY = 64;

/** The mention being typed at `caret`, or null (an email address such as gail@gatekeeper.test is not one). */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  let i = caret;
  while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i--;
  const at = i - 1;
  if (at < 0 || text[at] !== '@') return null;
  if (at > 0 && BLOCKS_MENTION.test(text[at - 1]!)) return null;
  let end = caret;
  while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
  const query = text.slice(i, caret);
  return query.length > MAX_QUERY ? null : { start: at, end, query };
}

/** People who can be mentioned: those whose email name is a valid handle. */
export function mentionCandidates(people: readonly Pick<User, 'id' | 'name' | 'email'>[]): MentionCandidate[] {
  return people.flatMap((p) => {
    const handle = mentionHandleOf(p.email);
    return handle ? [{ id: p.id, name: p.name, email: p.email, handle }] : [];
  });
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** How well a person matches: handle first, then a word of the name, then anywhere; null for no match. */
function rank(c: MentionCandidate, q: string): number | null {
  if (q === '') return 0;
  const name = fold(c.name);
  if (c.handle === q) return 0;
  if (c.handle.startsWith(q)) return 1;
  if (name.split(/[\s'-]+/).some((w) => w.startsWith(q)) || name.replace(/\s+/g, '').startsWith(q)) return 2;
  if (c.handle.includes(q) || name.includes(q)) return 3;
  return null;
}

/** People matching what follows the `@`, by name or handle, best first (then by name). */
export function matchPeople(people: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = fold(query);
  return people
    .map((c) => ({ c, r: rank(c, q) }))
    .filter((x): x is { c: MentionCandidate; r: number } => x.r !== null)
    .sort((a, b) => a.r - b.r || a.c.name.localeCompare(b.c.name))
    .slice(0, limit)
    .map((x) => x.c);
}

/** Replaces the typed `@word` with `@handle ` and says where the caret goes (after the space). */
export function insertMention(text: string, at: MentionQuery, handle: string): { text: string; caret: number } {
  const after = text.slice(at.end);
  const token = `@${handle}`;
  const next = `${text.slice(0, at.start)}${token}${/^\s/.test(after) ? '' : ' '}${after}`;
  return { text: next, caret: at.start + token.length + 1 };
}
