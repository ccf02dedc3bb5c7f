import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { User } from '@relay/shared';
import type { DepartmentInfo } from '../../api/admin';
import { errorReply, makeUser, mockFetch } from '../../test/fixtures';
import { PeoplePanel } from './PeoplePanel';

const departments: DepartmentInfo[] = [
  { key: 'hr', name: 'HR', lanes: 1, members: 1 },
  { key: 'operations', name: 'Operations', lanes: 4, members: 3 },
];
const names = { hr: 'HR', operations: 'Operations' };
const admin = makeUser({ name: 'Ada Admin', email: 'admin@relay.test', role: 'admin', departments: [], active: true });
const olivia = makeUser({ name: 'Olivia Ops', active: true });
const gone = makeUser({ name: 'Gary Gone', email: 'gary@relay.test', active: false });

function renderPanel(people: User[] = [admin, olivia, gone], routes: Parameters<typeof mockFetch>[0] = {}) {
  const calls = mockFetch({ 'GET /api/users*': { status: 200, body: people }, ...routes });
  render(<PeoplePanel departments={departments} departmentNames={names} me={admin} />);
  return calls;
}

const fieldOf = (name: string) => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;

describe('PeoplePanel and the person form', () => {
  it('lists active and deactivated people, and searches by name or email', async () => {
    const calls = renderPanel();
    expect(await screen.findByRole('rowheader', { name: /Gary Gone/ })).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /Gary Gone/ })).getByText('Deactivated')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reactivate Gary Gone' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deactivate Olivia Ops' })).toBeInTheDocument();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search people' }), 'oli');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'staff');
    await waitFor(() => expect(calls.at(-1)!.url).toBe('/api/users?q=oli&role=staff'));
  });

  it('adds a person by invitation and shows the one-time link to send', async () => {
    const ivy = makeUser({ name: 'Ivy Invite', email: 'ivy@relay.test', departments: ['hr'] });
    const url = 'http://localhost:3000/?invite=tok-1234567890';
    const calls = renderPanel([admin], { 'POST /api/users': { status: 201, body: { user: ivy, inviteUrl: url } } });
    await userEvent.click(await screen.findByRole('button', { name: 'Add person' }));
    const form = screen.getByRole('form', { name: 'New person' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Ivy Invite');
    await userEvent.type(within(form).getByLabelText('Email'), 'ivy@relay.test');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'HR' }));
    expect(within(form).getByRole('radio', { name: /invitation link/ })).toBeChecked();
    await userEvent.click(within(form).getByRole('button', { name: 'Add person' }));

    const dialog = await screen.findByRole('dialog', { name: 'Ivy Invite was added' });
    expect(within(dialog).getByLabelText('Invitation link')).toHaveValue(url);
    expect(dialog).toHaveTextContent('works once and expires');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'Ivy Invite',
      email: 'ivy@relay.test',
      role: 'staff',
      departments: ['hr'],
    });
  });

  it('checks the form as the server does before sending', async () => {
    const calls = renderPanel([admin]);
    await userEvent.click(await screen.findByRole('button', { name: 'Add person' }));
    const form = screen.getByRole('form', { name: 'New person' });
    await userEvent.type(within(form).getByLabelText('Email'), 'not-an-email');
    await userEvent.click(within(form).getByRole('radio', { name: /first password/ }));
    await userEvent.type(within(form).getByLabelText('Password'), 'short');
    await userEvent.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(fieldOf('name')).toHaveTextContent('Name must be 1 to 120 characters');
    expect(fieldOf('email')).toHaveTextContent('Email must be an email address');
    expect(fieldOf('password')).toHaveTextContent('Password must be at least 12 characters');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows EMAIL_TAKEN beside the email', async () => {
    renderPanel([admin], { 'POST /api/users': errorReply(409, 'EMAIL_TAKEN', 'email ops@relay.test is already in use') });
    await userEvent.click(await screen.findByRole('button', { name: 'Add person' }));
    const form = screen.getByRole('form', { name: 'New person' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Olive Again');
    await userEvent.type(within(form).getByLabelText('Email'), 'ops@relay.test');
    await userEvent.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(await within(fieldOf('email')).findByRole('alert')).toHaveTextContent('Email ops@relay.test is already in use');
  });

  it('shows LAST_ADMIN beside the role when the last admin would be demoted', async () => {
    const calls = renderPanel([admin], {
      [`PATCH /api/users/${admin.id}`]: errorReply(
        409,
        'LAST_ADMIN',
        'Relay needs at least one active admin: make someone else admin first',
      ),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Ada Admin' }));
    const form = screen.getByRole('form', { name: 'Edit Ada Admin' });
    expect(within(form).getByLabelText('Email')).toHaveAttribute('readonly');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'staff');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await within(fieldOf('role')).findByRole('alert')).toHaveTextContent('Relay needs at least one active admin');
    expect(within(form).getByLabelText('Role')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ role: 'staff' });
    expect(screen.getByRole('form', { name: 'Edit Ada Admin' })).toBeInTheDocument();
  });

  it('deactivates after confirmation, and says why the last admin cannot be', async () => {
    const calls = renderPanel([admin, olivia], {
      [`PATCH /api/users/${olivia.id}`]: { status: 200, body: { ...olivia, active: false } },
      [`PATCH /api/users/${admin.id}`]: errorReply(
        409,
        'LAST_ADMIN',
        'Relay needs at least one active admin: make someone else admin first',
      ),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Deactivate Olivia Ops' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Olivia Ops?' });
    expect(dialog).toHaveTextContent('signed out everywhere at once');
    expect(dialog).toHaveTextContent('stay attributed to them');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.find((c) => c.url === `/api/users/${olivia.id}`)!.body).toEqual({ active: false });

    await userEvent.click(screen.getByRole('button', { name: 'Deactivate Ada Admin' }));
    const mine = screen.getByRole('dialog', { name: 'Deactivate Ada Admin?' });
    expect(mine).toHaveTextContent('This is you');
    await userEvent.click(within(mine).getByRole('button', { name: 'Deactivate' }));
    expect(await within(mine).findByRole('alert')).toHaveTextContent('Relay needs at least one active admin');
  });
});
