import { render, screen } from '@testing-library/react';
import type { CardSummary } from '@relay/shared';
import { makeCard, makeLanes } from '../../test/fixtures';
import { CardTile } from './CardTile';

const lanes = makeLanes();
const accounting = lanes[2]!;
// Noon on 26 November 2026, local time.
const now = new Date(2026, 10, 26, 12, 0).getTime();
const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();

function tile(overrides: Partial<CardSummary>) {
  const card = makeCard(accounting, { enteredLaneAt: hoursAgo(3), ...overrides });
  const { container } = render(<CardTile card={card} lane={accounting} nowMs={now} />);
  return container.querySelector<HTMLElement>('.card')!;
}

describe('CardTile', () => {
  it('shows who holds the card and since when', () => {
    const el = tile({ pickedUpBy: { id: 'u1', name: 'Olive Ops' }, pickedUpAt: hoursAgo(2) });
    expect(el.querySelector('.card-pickup')).toHaveTextContent('Olive Ops · 2h');
    expect(screen.getByTitle('Picked up by Olive Ops')).toBeInTheDocument();
  });

  it('says "just now" for a card picked up this minute', () => {
    const el = tile({ pickedUpBy: { id: 'u1', name: 'Olive Ops' }, pickedUpAt: new Date(now - 20_000).toISOString() });
    expect(el.querySelector('.card-pickup')).toHaveTextContent('Olive Ops · just now');
  });

  it('says where a sent-back card came from and why, and nothing for a card that was not sent back', () => {
    const el = tile({
      returned: { fromKey: 'operational_setup', fromName: 'Operational Setup', reason: 'Wrong VAT number', at: hoursAgo(1) },
    });
    expect(el.querySelector('.card-returned')).toHaveTextContent('Returned from Operational Setup: Wrong VAT number');
    document.body.innerHTML = '';
    expect(tile({}).querySelector('.card-returned')).toBeNull();
  });

  it('says when nobody has picked the card up', () => {
    expect(tile({}).querySelector('.card-pickup')).toHaveTextContent('Not picked up yet');
  });

  it('says the flag and its reason in words, not colour alone; a green flag shows nothing', () => {
    const el = tile({ riskFlag: 'red', riskReason: 'Customer unreachable' });
    const flag = el.querySelector('.flag-chip')!;
    expect(flag).toHaveClass('flag-chip-red');
    expect(flag).toHaveAttribute('title', 'Flag: red — Customer unreachable');
    expect(flag).toHaveTextContent('Red flag — Customer unreachable.');
    document.body.innerHTML = '';
    expect(tile({ riskFlag: 'green' }).querySelector('.flag-chip')).toBeNull();
  });

  it('is named by its text: customer, lane, progress, health, flag and holder', () => {
    const el = tile({
      title: 'Quay Foods',
      checklistDone: 1,
      checklistRequired: 3,
      riskFlag: 'amber',
      riskReason: 'Late payment',
      assignee: { id: 'u2', name: 'Ava Accounts' },
      pickedUpBy: { id: 'u2', name: 'Ava Accounts' },
      pickedUpAt: hoursAgo(1),
      enteredLaneAt: hoursAgo(60),
    });
    expect(el).not.toHaveAttribute('aria-label');
    const name = el.textContent!.replace(/\s+/g, ' ');
    expect(name).toContain('Quay Foods, in Accounting.');
    expect(name).toContain('Amber flag — Late payment.');
    expect(name).toContain('Assigned to Ava Accounts');
    expect(name).toContain('Checklist 1 of 3 done.');
    expect(name).toMatch(/Stuck 12h over/);
    expect(name).toContain('Picked up by Ava Accounts');
  });

  it('shows a finished card its go-live day instead of a growing time in lane', () => {
    const done = lanes.at(-1)!;
    const card = makeCard(done, { enteredLaneAt: hoursAgo(300), goLiveDate: '2026-11-12' });
    const { container } = render(<CardTile card={card} lane={done} nowMs={now} />);
    expect(container.querySelector('.card-live')).toHaveTextContent(/Live since (12 Nov 2026|Nov 12, 2026)/);
    expect(container).not.toHaveTextContent('in lane');
  });

  it('shows an overdue next action in red with its due day', () => {
    const el = tile({ nextActionText: 'Call buyer', nextActionDue: '2026-11-25' });
    const next = el.querySelector('.card-next')!;
    expect(next).toHaveTextContent('Next: Call buyer · due Nov 25');
    expect(next).toHaveClass('is-overdue');
    expect(next).toHaveTextContent('(overdue)');
  });

  it('does not mark a next action due today or later as overdue', () => {
    const today = tile({ nextActionText: 'Send packet', nextActionDue: '2026-11-26' }).querySelector('.card-next')!;
    expect(today).not.toHaveClass('is-overdue');
    expect(today).toHaveClass('is-today');
    document.body.innerHTML = '';
    const later = tile({ nextActionText: 'Send packet', nextActionDue: '2026-11-30' }).querySelector('.card-next')!;
    expect(later).toHaveTextContent('Next: Send packet · due Nov 30');
    expect(later).not.toHaveClass('is-overdue');
  });

  it('shows no next-action line without one', () => {
    expect(tile({}).querySelector('.card-next')).toBeNull();
  });
});
