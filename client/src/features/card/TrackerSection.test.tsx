import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { Card } from '@relay/shared';
import { ApiError } from '../../api/http';
import { fullCard, makeCard, makeLanes, makeUser, uuid } from '../../test/fixtures';
import { AUTOSAVE_MS } from '../../ui/use-autosave';
import { useSession } from '../auth/session-store';
import { localDay } from '../../utils/due';
import { TrackerSection, trackerPatch } from './TrackerSection';
import { usePeopleStore } from './use-people';

const lanes = makeLanes();
const card = (overrides: Partial<Card> = {}) => fullCard(makeCard(lanes[1]!), lanes, overrides);
const DAY = 86_400_000;

/** Renders and lets the people list (the owner picker) arrive. */
async function renderTracker(ui: ReactElement) {
  render(ui);
  await act(async () => undefined);
}

beforeEach(() => {
  usePeopleStore.getState().reset();
  globalThis.fetch = jest.fn(async () => ({ ok: true, status: 200, text: async () => '[]' }) as Response) as typeof fetch;
});

describe('TrackerSection', () => {
  it('asks for a reason before saving a non-green flag, and sends flag and reason together', async () => {
    const patch = jest.fn(async (p: unknown) => ({ ...card(), ...(p as object) }));
    await renderTracker(<TrackerSection card={card()} canEdit patch={patch} />);
    await userEvent.click(screen.getByRole('radio', { name: 'red' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save tracker' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Say why the onboarding is at risk');
    expect(screen.getByLabelText(/^Why at risk/)).toHaveAttribute('aria-invalid', 'true');
    // The error is the field's description, so a screen reader reads it with the field.
    expect(screen.getByLabelText(/^Why at risk/)).toHaveAccessibleDescription('Say why the onboarding is at risk');
    expect(patch).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText(/^Why at risk/), 'Customer unreachable');
    await userEvent.click(screen.getByRole('button', { name: 'Save tracker' }));
    expect(patch).toHaveBeenCalledWith({ riskFlag: 'red', riskReason: 'Customer unreachable' });
  });

  it('needs no reason for green, and does not send one', async () => {
    const patch = jest.fn(async () => card());
    await renderTracker(<TrackerSection card={card({ riskFlag: 'amber', riskReason: 'Late paperwork' })} canEdit patch={patch} />);
    await userEvent.click(screen.getByRole('radio', { name: 'green' }));
    expect(screen.queryByLabelText('Why at risk')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Save tracker' }));
    expect(patch).toHaveBeenCalledWith({ riskFlag: 'green' });
  });

  it('marks a next action due before today as overdue', async () => {
    const yesterday = localDay(Date.now() - DAY);
    await renderTracker(
      <TrackerSection
        card={card({ nextAction: { text: 'Call buyer', ownerId: null, due: yesterday } })}
        canEdit={false}
        patch={jest.fn()}
      />,
    );
    expect(screen.getByText(/^Overdue: was due /)).toBeInTheDocument();
  });

  it('does not call a next action due today overdue', async () => {
    const today = localDay(Date.now());
    await renderTracker(
      <TrackerSection card={card({ nextAction: { text: 'Call buyer', ownerId: null, due: today } })} canEdit={false} patch={jest.fn()} />,
    );
    expect(screen.queryByText(/Overdue/)).toBeNull();
  });

  it('offers only the contact channels the server accepts', async () => {
    await renderTracker(<TrackerSection card={card()} canEdit patch={jest.fn()} />);
    const options = within(screen.getByRole('combobox', { name: 'Channel' }))
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['', 'email', 'phone', 'meeting', 'visit', 'video', 'other']);
  });
});

describe('TrackerSection autosave: nothing typed is lost', () => {
  const slow = { timeout: AUTOSAVE_MS * 4 };
  beforeEach(() => {
    localStorage.clear();
    useSession.setState({ status: 'signed-in', user: makeUser() });
  });
  afterEach(() => useSession.setState({ status: 'checking', user: null }));

  it('saves the changed field once typing pauses and says "Saved"', async () => {
    const c = card();
    const patch = jest.fn(async (p: unknown) => ({ ...c, ...(p as object) }) as Card);
    await renderTracker(<TrackerSection card={c} canEdit patch={patch} />);
    await userEvent.type(screen.getByLabelText('Next action'), 'Call the buyer');
    expect(patch).not.toHaveBeenCalled();
    await waitFor(() => expect(patch).toHaveBeenCalledWith({ nextAction: { text: 'Call the buyer', ownerId: null, due: null } }), slow);
    expect(patch).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
  });

  it('sends no incomplete date (year 0002 on the way to 2026)', async () => {
    const c = card();
    const patch = jest.fn(async () => c);
    await renderTracker(<TrackerSection card={c} canEdit patch={patch} />);
    fireEvent.change(screen.getByLabelText('Last customer touch'), { target: { value: '0002-05-14' } });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Not saved'), slow);
    expect(patch).not.toHaveBeenCalled();
  });

  it('a conflict keeps what was typed over their version, and Retry sends it', async () => {
    const mine = card();
    const theirs = { ...mine, version: mine.version + 1, nextAction: { text: 'Their action', ownerId: null, due: null } };
    const patch = jest
      .fn<Promise<Card>, [unknown]>()
      .mockRejectedValueOnce(new ApiError(409, 'VERSION_CONFLICT', 'changed', { card: theirs, changedBy: null, changedAt: null }))
      .mockResolvedValue(theirs);
    const { rerender } = render(<TrackerSection card={mine} canEdit patch={patch} />);
    await userEvent.click(screen.getByRole('radio', { name: 'amber' }));
    await userEvent.type(screen.getByLabelText(/^Why at risk/), 'Waiting on the customer');
    await userEvent.click(screen.getByRole('button', { name: 'Save tracker' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('someone changed this meanwhile'));
    rerender(<TrackerSection card={theirs} canEdit patch={patch} />); // use-card shows their version
    expect(screen.getByLabelText(/^Why at risk/)).toHaveValue('Waiting on the customer');
    expect(screen.getByLabelText('Next action')).toHaveValue('Their action');
    await userEvent.click(screen.getByRole('button', { name: 'Retry saving the tracker' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(2));
    expect(patch).toHaveBeenLastCalledWith({ riskFlag: 'amber', riskReason: 'Waiting on the customer' });
  });
});

describe('trackerPatch follows the shared rule (validateTracker)', () => {
  const base = { riskFlag: 'green' as const, riskReason: '', nextText: '', nextOwner: '', nextDue: '', touchAt: '', touchChannel: '' };

  it('refuses amber and red without a reason, whitespace included', () => {
    for (const riskFlag of ['amber', 'red'] as const) {
      const errors: Record<string, string> = {};
      expect(trackerPatch({ ...base, riskFlag, riskReason: '   ' }, errors)).toBeNull();
      expect(Object.keys(errors)).toEqual(['riskReason']);
    }
  });

  it('asks for the action when only an owner or due date is given', () => {
    const errors: Record<string, string> = {};
    expect(trackerPatch({ ...base, nextOwner: uuid(), nextDue: '2026-12-01' }, errors)).toBeNull();
    expect(errors['nextAction.text']).toBe('Describe the next action');
  });

  it('asks when the customer was last contacted when only a channel is given', () => {
    const errors: Record<string, string> = {};
    expect(trackerPatch({ ...base, touchChannel: 'phone' }, errors)).toBeNull();
    expect(errors['lastTouch.at']).toBe('When was the customer last contacted?');
  });
});
