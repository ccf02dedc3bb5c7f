import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorReply, makeUser, mockFetch } from '../../test/fixtures';
import { AcceptInvitePage } from './AcceptInvitePage';
import { useSession } from './session-store';

const TOKEN = 'tok-1234567890abcdef';

async function choose(password: string, repeat = password) {
  await userEvent.type(screen.getByLabelText('New password'), password);
  await userEvent.type(screen.getByLabelText('Repeat the password'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
}

describe('AcceptInvitePage', () => {
  beforeEach(() => {
    useSession.setState({ status: 'signed-out', user: null, notice: null });
    window.history.replaceState(null, '', `/?invite=${TOKEN}`);
  });

  it('sets the password with the token and signs the person in', async () => {
    const ivy = makeUser({ name: 'Ivy Invite', email: 'ivy@relay.test' });
    const calls = mockFetch({ 'POST /api/auth/accept-invite': { status: 200, body: { user: ivy, token: 't' } } });
    render(<AcceptInvitePage token={TOKEN} />);
    await choose('ivy-strong-pass');
    await waitFor(() => expect(useSession.getState()).toMatchObject({ status: 'signed-in', user: ivy }));
    expect(calls[0]!.body).toEqual({ token: TOKEN, password: 'ivy-strong-pass' });
    expect(window.location.search).toBe('');
  });

  it('checks length and repetition before sending', async () => {
    const calls = mockFetch({});
    render(<AcceptInvitePage token={TOKEN} />);
    await choose('short');
    expect(screen.getByRole('alert')).toHaveTextContent('Your password must be at least 12 characters');
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.clear(screen.getByLabelText('Repeat the password'));
    await choose('ivy-strong-pass', 'ivy-strong-pas');
    expect(screen.getByRole('alert')).toHaveTextContent('The two passwords are not the same');
    expect(calls).toHaveLength(0);
  });

  it('says when the link is used or expired', async () => {
    mockFetch({
      'POST /api/auth/accept-invite': errorReply(401, 'INVALID_CREDENTIALS', 'This invitation link is unknown, used or expired'),
    });
    render(<AcceptInvitePage token={TOKEN} />);
    await choose('ivy-strong-pass');
    expect(await screen.findByRole('alert')).toHaveTextContent('unknown, used or expired. Ask an admin for a new one');
    expect(useSession.getState().status).toBe('signed-out');
  });
});
