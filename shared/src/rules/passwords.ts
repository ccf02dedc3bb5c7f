import { DEMO_PASSWORD } from '../pipeline-template.js';

/** A password's length in characters (ASVS 2.1.1: at least 12; 2.1.2: 64 or more allowed). */
export const PASSWORD_LENGTH = { min: 12, max: 200 } as const;

/** Whose password it is, for the rules that refuse a password made of the person's own details. */
export interface PasswordContext {
  email?: string | null;
  name?: string | null;
  /** The demo people's password on this server (RELAY_DEMO_PASSWORD); `relay-demo-pass` is refused always. */
  demoPassword?: string | null;
}

/** Parts of a person's details too short to mean anything inside a password (`hr`, `Al`) are not checked. */
const MIN_PART = 3;

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** The person's details a password must not contain: the email, its local part (and its pieces), the name's words. */
function personalParts(context: PasswordContext): { part: string; what: string }[] {
  const parts: { part: string; what: string }[] = [];
  const email = fold(context.email?.trim() ?? '');
  if (email) {
    parts.push({ part: email, what: 'the email address' });
    const local = email.split('@')[0] ?? '';
    for (const piece of new Set([local, ...local.split(/[._+-]+/)]))
      if (piece.length >= MIN_PART) parts.push({ part: piece, what: 'the email address' });
  }
  const words = fold(context.name ?? '')
    .split(/[\s._'-]+/)
    .filter(Boolean);
  if (words.length > 1) parts.push({ part: words.join(''), what: 'the name' });
  for (const word of words) if (word.length >= MIN_PART) parts.push({ part: word, what: 'the name' });
  return parts;
}

/**
 * Why a new password is refused, as a sentence starting with "password", or null when it is fine: too short or
 * too long, the demo password, one of the most common passwords (`isCommon`, where the list is at hand: the
 * server has 49,000 of them; the browser does without), or containing the person's email or name. Letter case
 * never matters. The same rule runs in the browser (to show the reason while typing) and on the server.
 */
export function passwordProblem(password: string, context: PasswordContext = {}, isCommon?: (password: string) => boolean): string | null {
  if (typeof password !== 'string') return 'password must be a string';
  if (password.length < PASSWORD_LENGTH.min) return `password must be at least ${PASSWORD_LENGTH.min} characters`;
  if (password.length > PASSWORD_LENGTH.max) return `password must be at most ${PASSWORD_LENGTH.max} characters`;
  const folded = fold(password);
  const demo = [DEMO_PASSWORD, context.demoPassword].filter((p): p is string => !!p).map(fold);
  if (demo.includes(folded.trim())) return 'password must not be the demo password';
  if (isCommon?.(password)) return 'password is one of the most common passwords: choose one that is harder to guess';
  const found = personalParts(context).find(({ part }) => folded.includes(part));
  if (found) return `password must not contain ${found.what}`;
  return null;
}
