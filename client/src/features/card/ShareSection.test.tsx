import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fullCard, makeCard, makeLanes, mockFetch } from '../../test/fixtures';
import { ShareSection } from './ShareSection';

const card = () => {
  const lanes = makeLanes();
  return fullCard(makeCard(lanes[0]!), lanes, { contactName: 'Ann Harbour', contactEmail: 'ann@harbour.example' });
};

describe('Share with customer', () => {
  it('creates the link with the chosen expiry, emails it when asked, shows it once with a copy button, then revokes it', async () => {
    const c = card();
    const share = `/api/cards/${c.id}/share`;
    let active = false;
    const calls = mockFetch({
      [`GET ${share}`]: () => ({
        status: 200,
        body: active
          ? { active: true, createdAt: '2026-03-01T10:00:00Z', expiresAt: '2026-03-31T10:00:00Z', lastViewedAt: null, views: 0 }
          : { active: false, createdAt: null, expiresAt: null, lastViewedAt: null, views: 0 },
      }),
      [`POST ${share}`]: () => {
        active = true;
        return { status: 201, body: { url: 'http://relay.example/track/abc', expiresAt: '2026-03-31T10:00:00Z', emailed: true } };
      },
      [`DELETE ${share}`]: () => {
        active = false;
        return { status: 204 };
      },
    });
    render(<ShareSection card={c} canShare />);
    expect(await screen.findByText(/No active link/)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Works for'), '30');
    await userEvent.click(screen.getByLabelText('Email it to Ann Harbour (ann@harbour.example)'));
    await userEvent.click(screen.getByRole('button', { name: 'Create link' }));
    expect(await screen.findByDisplayValue('http://relay.example/track/abc')).toBeInTheDocument();
    expect(calls.find((x) => x.method === 'POST')!.body).toEqual({ expiresInDays: 30, email: true });
    expect(await screen.findByText(/Link active · expires .* · last opened never · 0 views/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();

    jest.spyOn(window, 'confirm').mockReturnValue(true);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke link' }));
    await waitFor(() => expect(screen.getByText(/No active link/)).toBeInTheDocument());
    expect(screen.queryByDisplayValue('http://relay.example/track/abc')).not.toBeInTheDocument();
    expect(calls.some((x) => x.method === 'DELETE')).toBe(true);
  });

  it('only shows the link state to those who may not share', async () => {
    const c = card();
    mockFetch({
      [`GET /api/cards/${c.id}/share`]: {
        status: 200,
        body: {
          active: true,
          createdAt: '2026-03-01T10:00:00Z',
          expiresAt: '2026-03-31T10:00:00Z',
          lastViewedAt: '2026-03-02T09:00:00Z',
          views: 3,
        },
      },
    });
    render(<ShareSection card={c} canShare={false} />);
    expect(await screen.findByText(/3 views/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /link/ })).not.toBeInTheDocument();
  });
});
