import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorReply, makeUser, mockFetch } from '../../test/fixtures';
import { SignInPage } from './SignInPage';
import { useSession } from './session-store';

async function signIn(password: string) {
  render(<SignInPage />);
  await userEvent.type(screen.getByLabelText('Email'), 'ops@relay.test');
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  beforeEach(() => useSession.setState({ status: 'signed-out', user: null, notice: null }));

  it('says the credentials do not match on 401 INVALID_CREDENTIALS', async () => {
    mockFetch({ 'POST /api/auth/login': errorReply(401, 'INVALID_CREDENTIALS', 'Invalid email or password') });
    await signIn('nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password do not match');
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('asks to wait on 429 TOO_MANY_ATTEMPTS', async () => {
    mockFetch({ 'POST /api/auth/login': errorReply(429, 'TOO_MANY_ATTEMPTS', 'Too many attempts') });
    await signIn('nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed attempts');
  });

  it('signs in with the returned user', async () => {
    const user = makeUser();
    const calls = mockFetch({ 'POST /api/auth/login': { status: 200, body: { user, token: 't' } } });
    await signIn('relay-demo-pass');
    expect(calls[0]!.body).toEqual({ email: 'ops@relay.test', password: 'relay-demo-pass' });
    expect(useSession.getState()).toMatchObject({ status: 'signed-in', user });
  });
});
