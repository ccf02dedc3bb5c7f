import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorReply, makeUser, mockFetch } from '../../test/fixtures';
import { AccountView } from './AccountView';

const olive = makeUser({ name: 'Olive Ops', email: 'olive@relay.test' });
const field = (name: string) => document.querySelector(`[data-field="${name}"]`) as HTMLElement;

async function fill(current: string, password: string, repeat = password) {
  if (current) await userEvent.type(screen.getByLabelText('Current password'), current);
  if (password) await userEvent.type(screen.getByLabelText('New password'), password);
  if (repeat) await userEvent.type(screen.getByLabelText('Repeat the new password'), repeat);
}
const submit = () => userEvent.click(screen.getByRole('button', { name: 'Change password' }));

describe('My account: changing the password', () => {
  it('shows who is signed in', () => {
    mockFetch({});
    render(<AccountView user={olive} />);
    expect(screen.getByRole('heading', { name: 'My account' })).toBeInTheDocument();
    expect(screen.getByText('olive@relay.test')).toBeInTheDocument();
  });

  it("shows the shared rule's reason while the new password is typed", async () => {
    mockFetch({});
    render(<AccountView user={olive} />);
    const hint = () => within(field('password')).getByText(/./, { selector: '[aria-live]' });
    expect(hint()).toHaveTextContent('At least 12 characters, not a common password, not containing your email or name.');
    await userEvent.type(screen.getByLabelText('New password'), 'short');
    expect(hint()).toHaveTextContent('The new password must be at least 12 characters');
    await userEvent.type(screen.getByLabelText('New password'), '-and-olive');
    expect(hint()).toHaveTextContent('The new password must not contain the email address');
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.type(screen.getByLabelText('New password'), 'relay-demo-pass');
    expect(hint()).toHaveTextContent('The new password must not be the demo password');
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.type(screen.getByLabelText('New password'), 'harbour-lantern-42');
    expect(hint()).toHaveTextContent('This password meets the rules.');
  });

  it('sends the current and the new password, then says it is done and clears the form', async () => {
    const calls = mockFetch({ 'POST /api/auth/password': { status: 204 } });
    render(<AccountView user={olive} />);
    await fill('relay-demo-pass', 'harbour-lantern-42');
    await submit();
    expect(await screen.findByRole('status')).toHaveTextContent('Your password is changed');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/auth/password', { current: 'relay-demo-pass', password: 'harbour-lantern-42' }],
    ]);
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(screen.getByLabelText('New password')).toHaveValue('');
  });

  it('refuses before sending: no current password, a weak new one, a different repeat', async () => {
    const calls = mockFetch({});
    render(<AccountView user={olive} />);
    await fill('', 'olive-is-my-name', 'olive-is-my-nam');
    await submit();
    expect(within(field('current')).getByRole('alert')).toHaveTextContent('Current password is needed to change it');
    expect(within(field('password')).getByRole('alert')).toHaveTextContent('New password must not contain the email address');
    expect(within(field('repeat')).getByRole('alert')).toHaveTextContent('The two new passwords are not the same');
    expect(calls).toHaveLength(0);
  });

  it("shows the server's refusals beside their fields", async () => {
    let reply = errorReply(401, 'INVALID_CREDENTIALS', 'The current password is incorrect');
    mockFetch({ 'POST /api/auth/password': () => reply });
    render(<AccountView user={olive} />);
    await fill('not-it', 'qwerty123456');
    await submit();
    expect(await within(field('current')).findByRole('alert')).toHaveTextContent('Current password is not right');
    reply = errorReply(400, 'WEAK_PASSWORD', 'password is one of the most common passwords', {
      fields: [{ field: 'password', message: 'password is one of the most common passwords' }],
    });
    await submit();
    expect(await within(field('password')).findByRole('alert')).toHaveTextContent('New password is one of the most common passwords');
    reply = errorReply(429, 'TOO_MANY_ATTEMPTS', 'Too many failed sign-ins; try again in 15 minutes');
    await submit();
    expect(await screen.findByText('Too many failed sign-ins; try again in 15 minutes')).toHaveAttribute('role', 'alert');
  });
});
