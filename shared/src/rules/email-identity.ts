/**
 * Whether an email may name a new person: it must not pass for someone else's. `аdmin@relay.test` with a
 * Cyrillic "а" looks exactly like `admin@relay.test`, a zero-width space is invisible, a bidi control
 * reorders what is shown, and a full-width `ａdmin` is another string that displays alike.
 *
 * The rule (after Unicode TR 39's "highly restrictive" level, without its confusable tables): the address
 * is in NFKC form, holds no invisible, format, control or space characters, and its letters come from one
 * script — or from Latin with the CJK scripts used together (Han with Hiragana/Katakana, Bopomofo or
 * Hangul). Not caught: look-alikes within one script (a Latin dotless "ı" for "i").
 */

/** Zero-width characters, joiners, bidi controls, soft hyphens, variation selectors, controls, spaces… */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Co}\p{Cn}\p{Zs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
/** A lone UTF-16 surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;

const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
  ['Hangul', /\p{Script=Hangul}/u],
];
/** Characters of no particular script: digits, punctuation, `@`, combining marks. */
const SCRIPTLESS = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The script combinations TR 39 accepts in one identifier besides a single script. */
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/** The scripts of an address's letters ("Other" for a script not listed above). */
export function scriptsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      if (/[a-z]/i.test(ch)) found.add('Latin');
      continue;
    }
    if (SCRIPTLESS.test(ch)) continue;
    found.add(SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Other');
  }
  return found;
}

/** Why this email cannot name a new person (a sentence starting with "email"), or null when it can. */
export function emailIdentityProblem(email: string): string | null {
  if (LONE_SURROGATE.test(email)) return 'email must be well-formed text';
  // Plain ASCII — nearly every address — passes at once.
  if (/^[\x21-\x7e]*$/.test(email)) return null;
  if (INVISIBLE.test(email)) return 'email must not contain invisible, space or text-direction characters';
  const normal = email.normalize('NFKC');
  if (normal !== email) return `email must be written in its plain form (${normal})`;
  const scripts = scriptsOf(email);
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.includes(s))))
    return `email mixes letters of several scripts (${[...scripts].join(', ')}), so it could pass for another address`;
  return null;
}
