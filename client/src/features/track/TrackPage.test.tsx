import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TrackView } from '@relay/shared';
import { errorReply, mockFetch } from '../../test/fixtures';
import { TrackPage } from './TrackPage';

type Handler = (payload?: unknown) => void;

/** A stand-in for the socket.io client: the test plays the server's side. */
const socket = {
  handlers: new Map<string, Handler>(),
  opened: [] as unknown[],
  on(event: string, fn: Handler) {
    this.handlers.set(event, fn);
    return this;
  },
  emit(event: string, payload?: unknown) {
    this.handlers.get(event)?.(payload);
  },
  disconnect: jest.fn(),
};

jest.mock('socket.io-client', () => ({
  io: (...args: unknown[]) => {
    socket.opened.push(args);
    return socket;
  },
}));

const TOKEN = 'T'.repeat(43);
const URL = `/api/track/${TOKEN}`;

function view(over: Partial<TrackView> = {}): TrackView {
  return {
    customerName: 'Harbour Dental',
    stage: { name: 'Billing set-up', number: 3, of: 7 },
    milestones: [
      { name: 'Getting started', status: 'done', doneAt: '2026-03-02' },
      { name: 'Welcome', status: 'done', doneAt: '2026-03-04' },
      { name: 'Billing set-up', status: 'current', description: 'We set up your account and billing.', targetDate: '2026-03-07' },
      { name: 'Preparing your service', status: 'upcoming', targetDate: '2026-03-12' },
    ],
    waitingOnYou: true,
    requests: [
      { id: 'r-access', label: 'Site access details', kind: 'text', required: false, value: 'Side door', done: true },
      { id: 'r-billing', label: 'Billing contact', kind: 'text', required: true, value: null, done: false },
      { id: 'r-sign', label: 'Customer accepts the service', kind: 'signoff', required: true, value: null, done: false },
    ],
    nextAction: { text: 'We call you to book the kick-off', due: '2026-03-06' },
    goLiveDate: '2026-03-20',
    updatedAt: '2026-03-05T10:00:00.000Z',
    ...over,
  };
}

beforeEach(() => {
  socket.handlers.clear();
  socket.opened = [];
});

describe("the customer's tracker page", () => {
  it('says where the onboarding is, what comes next and what we need, in plain words', async () => {
    mockFetch({ [`GET ${URL}*`]: { status: 200, body: view() } });
    render(<TrackPage token={TOKEN} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Harbour Dental' })).toBeInTheDocument();
    expect(screen.getByText(/Step 3 of 7/)).toHaveTextContent('Step 3 of 7: Billing set-up');
    expect(screen.getByRole('status')).toHaveTextContent('We are waiting for: Billing contact, Customer accepts the service');
    expect(screen.getByText('We call you to book the kick-off')).toBeInTheDocument();
    const steps = within(screen.getByRole('region', { name: 'Your steps' }));
    expect(steps.getAllByRole('listitem').map((li) => li.className)).toEqual([
      'track-milestone is-done',
      'track-milestone is-done',
      'track-milestone is-current',
      'track-milestone is-upcoming',
    ]);
    expect(steps.getByText('We set up your account and billing.')).toBeInTheDocument();
    const need = within(screen.getByRole('region', { name: 'What we need from you' }));
    expect(need.getByText('Side door')).toBeInTheDocument();
    // The page opened its live socket with the link's token, on the /track namespace.
    expect(socket.opened[0]).toEqual(['/track', expect.objectContaining({ path: '/socket.io', auth: { token: TOKEN } })]);
  });

  it('sends an answer and a sign-off (name typed, acceptance confirmed), and shows what the server answers', async () => {
    const answered = view({
      requests: [
        { id: 'r-billing', label: 'Billing contact', kind: 'text', required: true, value: 'Ann, ann@harbour.example', done: true },
        { id: 'r-sign', label: 'Customer accepts the service', kind: 'signoff', required: true, value: null, done: false },
      ],
    });
    const calls = mockFetch({
      [`GET ${URL}*`]: { status: 200, body: view() },
      [`PUT ${URL}/requests/r-billing`]: { status: 200, body: answered },
      [`PUT ${URL}/requests/r-sign`]: errorReply(400, 'INVALID_VALUE', 'value must have accepted: true', {
        fields: [{ field: 'value', message: 'value must have accepted: true' }],
      }),
    });
    render(<TrackPage token={TOKEN} />);
    await userEvent.type(await screen.findByLabelText('Billing contact'), 'Ann, ann@harbour.example');
    const billing = screen.getByLabelText('Billing contact').closest('li')!;
    await userEvent.click(within(billing as HTMLElement).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByText('Ann, ann@harbour.example')).toBeInTheDocument());
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ value: 'Ann, ann@harbour.example' });

    const sign = screen.getByRole('button', { name: 'Sign off' });
    expect(sign).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Your full name'), 'Ann Harbour');
    expect(sign).toBeDisabled();
    await userEvent.click(screen.getByLabelText(/I accept the service/));
    await userEvent.click(sign);
    expect(await screen.findByRole('alert')).toHaveTextContent('value must have accepted: true');
    expect(calls.filter((c) => c.method === 'PUT')[1]!.body).toEqual({ value: { name: 'Ann Harbour', accepted: true } });
  });

  it('fetches again when the server says the card changed, and says the link is no longer active once it is revoked', async () => {
    let current = view();
    const calls = mockFetch({ [`GET ${URL}*`]: () => ({ status: 200, body: current }) });
    render(<TrackPage token={TOKEN} />);
    await screen.findByText(/Step 3 of 7/);
    current = view({ stage: { name: 'Preparing your service', number: 4, of: 7 } });
    act(() => socket.emit('track.changed', {}));
    expect(await screen.findByText(/Step 4 of 7/)).toHaveTextContent('Preparing your service');
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2);

    act(() => socket.emit('track.ended', {}));
    expect(await screen.findByRole('heading', { name: 'This link is no longer active' })).toBeInTheDocument();
  });

  it('shows the same "no longer active" page for a link that leads nowhere', async () => {
    mockFetch({ [`GET ${URL}*`]: errorReply(404, 'NOT_FOUND', 'page not found') });
    render(<TrackPage token={TOKEN} />);
    expect(await screen.findByRole('heading', { name: 'This link is no longer active' })).toBeInTheDocument();
    expect(screen.queryByText(/page not found/)).not.toBeInTheDocument();
  });
});
