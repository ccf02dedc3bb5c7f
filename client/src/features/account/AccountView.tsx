import type { User } from '@relay/shared';
import { roleName } from '../../utils/card-summary';
import { setParams } from '../../utils/url-state';
import { capitalise } from '../admin/names';
import { ChangePasswordForm } from './ChangePasswordForm';
import './account.css';

/** "My account": who the signed-in person is, and changing their password. */
export function AccountView({ user }: { user: User }) {
  return (
    <div className="account">
      <div>
        <button type="button" className="button button-quiet" onClick={() => setParams({ view: null }, true)}>
          ← Back to the board
        </button>
      </div>
      <section className="panel" aria-labelledby="account-title">
        <h1 id="account-title" className="account-title">
          My account
        </h1>
        <dl className="account-facts">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{capitalise(roleName(user.role))}</dd>
          {user.departments.length > 0 && (
            <>
              <dt>Departments</dt>
              <dd>{user.departments.map((d) => capitalise(d.replace(/_/g, ' '))).join(', ')}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="panel" aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <ChangePasswordForm user={user} />
      </section>
    </div>
  );
}
