import { getCard, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('while an incomplete card is dragged, the next lane says how many items are missing, and the drop keeps it in place', async (j) => {
  const { customer, card } = await newCard('Gatehouse Garage');
  const ops = await j.open('ops');
  const board = ops.board;
  await board.expectCardIn(card.id, 'intake');

  await board.tabTo(board.card(card.id));
  await board.pickUpWithKeyboard();
  await board.lane('customer_experience').getByText("7 items missing: can't enter yet").waitFor();
  await ops.page.keyboard.press('ArrowRight');
  await board
    .announcement(`${customer} is over Customer Experience. It can't enter yet: 7 items missing. Dropping lists what is missing.`)
    .waitFor({ state: 'attached' });
  await j.step('over the gate');
  await ops.page.keyboard.press('Space');
  await ops.missing.waitOpen();
  // Not shown in the next lane to snap back: it never left Intake.
  expect(await board.laneOf(card.id)).toBe('intake');
  expect(await ops.page.locator(`[data-lane-key="customer_experience"] [data-card-id="${card.id}"]`).count()).toBe(0);
  expect((await getCard(card.id)).laneKey).toBe('intake');
  await ops.missing.close();
});
