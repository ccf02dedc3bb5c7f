import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { Card } from '@relay/shared';
import { fullCard, makeCard, makeLanes, uuid } from '../../test/fixtures';
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
