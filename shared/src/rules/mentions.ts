/**
 * `@handle` mentions in comment bodies. A handle is a person's email name (`ops` for ops@relay.test);
 * the server tells the people whose handles a comment holds, and the comment box offers the same handles.
 */
export const MENTION_PATTERN = /(?:^|[^\w@])@([a-z0-9][a-z0-9._-]{0,63})/gi;

const HANDLE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The handles mentioned in a comment, lower-case, each once (a trailing full stop ends the sentence, not the handle). */
export function mentionHandles(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION_PATTERN)].map((m) => m[1]!.toLowerCase().replace(/[.]+$/, '')))];
}

/** The handle that mentions the person with this email, or null when their email name cannot be written as one. */
export function mentionHandleOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  const name = (at < 0 ? email : email.slice(0, at)).toLowerCase();
  return HANDLE.test(name) && !name.endsWith('.') ? name : null;
}
