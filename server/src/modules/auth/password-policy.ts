import { type PasswordContext, passwordProblem } from '@relay/shared';
import { DomainError } from '../../common/domain-error.js';

let common: Promise<ReadonlySet<string>> | null = null;

/**
 * The 49,000 most common passwords of zxcvbn-ts's list (from leaked-password corpora), lower-cased, loaded
 * once on first use (about 30 ms, 3 MB) and then looked up in constant time.
 */
export function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return common;
}

/**
 * Refuses a new password breaking shared's `passwordProblem` (length, the demo password, the common list, the
 * person's email or name) with 400 WEAK_PASSWORD naming `password`. Every way of setting a password goes
 * through here; only seeding the demo people does not.
 */
export async function assertStrongPassword(password: string, context: PasswordContext): Promise<void> {
  const list = await commonPasswords();
  const problem = passwordProblem(password, context, (p) => list.has(p.toLowerCase()) || list.has(p.trim().toLowerCase()));
  if (problem) throw new DomainError('WEAK_PASSWORD', problem, { fields: [{ field: 'password', message: problem }] });
}
