import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeUser, mockFetch } from '../../test/fixtures';
import { useSession } from '../auth/session-store';
import { ActivitySection } from './ActivitySection';
import { usePeopleStore } from './use-people';

describe('ActivitySection', () => {
  beforeEach(() => {
    localStorage.clear();
    usePeopleStore.getState().reset();
    useSession.setState({ status: 'signed-in', user: makeUser({ id: 'ann' }) });
  });

  it('keeps a comment being written across closing the card, and forgets it once posted', async () => {
    const calls = mockFetch({
      'GET /api/users': { status: 200, body: [] },
      'POST /api/cards/c1/comments': {
        status: 201,
        body: { id: 'm1', cardId: 'c1', author: { id: 'ann', name: 'Ann' }, body: 'x', at: '' },
      },
    });
    const first = render(<ActivitySection cardId="c1" events={[]} onCommented={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Comment'), 'Half a thought');
    expect(screen.getByRole('status')).toHaveTextContent('Draft kept on this device');
    first.unmount();

    render(<ActivitySection cardId="c1" events={[]} onCommented={() => undefined} />);
    expect(screen.getByLabelText('Comment')).toHaveValue('Half a thought');
    await userEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await waitFor(() => expect(screen.getByLabelText('Comment')).toHaveValue(''));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ body: 'Half a thought' });
    expect(localStorage.length).toBe(0);
  });
});
