import { ROLES } from '@relay/shared';
import { roleName } from '../../utils/card-summary';
import { capitalise } from './names';

/** The `<option>`s of a role picker: every role by its name, after an optional empty choice. */
export function RoleOptions({ empty, suffix = '' }: { empty?: string; suffix?: string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {capitalise(roleName(r))}
          {suffix}
        </option>
      ))}
    </>
  );
}
