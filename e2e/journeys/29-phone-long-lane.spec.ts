import { createCard, uniqueCustomer } from '../support/api.js';
import { journey } from '../support/journey.js';
import { openOnPhone } from '../support/phone.js';
import { CardDrawer } from '../pages/CardDrawer.js';

journey('on a phone (390×844) a lane of many cards shows only what is on screen, scrolls to its last card and opens it', async () => {
  const prefix = uniqueCustomer('Long Lane');
  // New cards join the end of Operations Intake: the last of these is at the bottom of a long lane.
  const created = [];
  for (let i = 0; i < 30; i++) created.push(await createCard(`${prefix} ${String(i).padStart(2, '0')}`));
  const last = created[created.length - 1]!;

  const { context, page, board } = await openOnPhone('ops');
  try {
    const intake = board.lane('intake');
    await intake.locator('[data-card-id]').first().waitFor();

    // Windowed: the lane counts every card but holds tiles only for those on screen and a margin.
    const count = Number(await intake.locator('.lane-count').textContent());
    const tiles = await intake.locator('[data-card-id]').count();
    expect(count).toBeGreaterThanOrEqual(30);
    expect(tiles).toBeLessThan(count);
    expect(await board.card(last.id).count()).toBe(0);

    // Scrolled to its end, the lane shows the last card, which opens.
    await intake.locator('.lane-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await board.card(last.id).waitFor();
    await board.card(last.id).tap();
    const drawer = new CardDrawer(page);
    await drawer.waitOpen(last.title);
    expect(await intake.locator('[data-card-id]').count()).toBeLessThan(count);
  } finally {
    await context.close();
  }
});
