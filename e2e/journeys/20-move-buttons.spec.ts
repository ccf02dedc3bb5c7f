import { cardEvents, getCard, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

journey(
  'customer experience moves a card with the buttons, no dragging: refused with the same panel, completed, moved, then sent back from the tile menu',
  async (j) => {
    const { customer, card } = await newCard('Button Bakery', { lane: 'customer_experience' });
    const cx = await j.open('cx');
    await cx.board.expectCardIn(card.id, 'customer_experience');

    // From the drawer, by keyboard: the button names the next lane and what its gate still lacks.
    const drawer = await cx.openCard(card.id, customer);
    const moveOn = drawer.root.getByRole('button', { name: 'Move to Accounting' });
    await drawer.root.locator('.move-gate', { hasText: '3 items missing' }).waitFor();
    await moveOn.focus();
    await cx.page.keyboard.press('Enter');
    // Blocked: the same missing-items panel as a refused drop, filled in place, and the move retried by itself.
    await cx.missing.waitOpen();
    await j.step('refused from the drawer');
    expect(await cx.missing.missingLabels()).toEqual(['Welcome email sent', 'Welcome packet sent', 'Kick-off meeting date']);
    expect((await getCard(card.id)).laneKey).toBe('customer_experience');
    await cx.missing.fill('Welcome email sent', true);
    await cx.missing.fill('Welcome packet sent', '2026-11-20');
    await cx.missing.fill('Kick-off meeting date', '2026-11-25');
    await cx.missing.waitClosed();
    await cx.board.toast(`${customer} moved to Accounting`).waitFor();
    await cx.board.expectCardIn(card.id, 'accounting');
    await j.step('moved from the drawer');

    // From the tile's menu (a tap on a phone): accounting sends it back, choosing the lane and giving a reason.
    const accounting = await j.open('accounting');
    await accounting.board.expectCardIn(card.id, 'accounting');
    await accounting.page.getByRole('button', { name: `Actions for ${customer}` }).click();
    const menu = accounting.page.getByRole('dialog', { name: customer });
    await menu.getByRole('button', { name: 'Send back…' }).click();
    const back = accounting.page.getByRole('dialog', { name: `Send ${customer} back` });
    await back.getByLabel('Send it back to').selectOption({ label: 'Operations Intake' });
    await back.getByLabel('Reason').fill('Budgeted hours are wrong');
    await back.getByRole('button', { name: 'Send back' }).click();
    await accounting.board.toast(`${customer} sent back to Operations Intake`).waitFor();
    await accounting.board.expectCardIn(card.id, 'intake');
    await cx.board.expectCardIn(card.id, 'intake');
    const events = await cardEvents(card.id);
    expect(events.at(-1)).toMatchObject({
      type: 'sent_back',
      data: { from: 'accounting', to: 'intake', reason: 'Budgeted hours are wrong' },
    });
  },
);
