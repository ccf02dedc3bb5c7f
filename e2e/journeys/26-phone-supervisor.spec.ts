import { completeLane, getCard, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';
import { openOnPhone } from '../support/phone.js';
import { CardDrawer } from '../pages/CardDrawer.js';

journey('a supervisor on a phone (390×844, touch) opens a card, ticks an item and moves it on with the button', async () => {
  const { customer, card } = await newCard('Pocket Pharmacy', { lane: 'first_week_audit' });
  await completeLane(card.id, { except: ['Employee training verified'] });

  const { context, page, board } = await openOnPhone('supervisor');
  try {
    // The header and the filters fit the phone: nothing sticks out sideways (the lanes scroll on their own).
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      header: Math.max(
        ...Array.from(document.querySelectorAll('.topbar > *, .filter-bar > *')).map((el) => el.getBoundingClientRect().right),
      ),
    }));
    expect(overflow.page).toBe(0);
    expect(overflow.header).toBeLessThanOrEqual(390);

    await board.card(card.id).scrollIntoViewIfNeeded();
    await board.card(card.id).tap();
    const drawer = new CardDrawer(page);
    await drawer.waitOpen(customer);
    await drawer.root.getByLabel('Employee training verified', { exact: true }).tap();
    await drawer.root.getByRole('button', { name: 'Move to Done' }).and(page.locator(':enabled')).waitFor();
    await drawer.root.locator('.move-gate').waitFor({ state: 'detached' });
    await drawer.root.getByRole('button', { name: 'Move to Done' }).tap();
    await board.toast(`${customer} moved to Done`).waitFor();
    await drawer.laneLine().filter({ hasText: 'Done' }).waitFor();
    expect((await getCard(card.id)).laneKey).toBe('done');
  } finally {
    await context.close();
  }
});
