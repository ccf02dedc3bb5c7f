import { getCard, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('keyboard only: a card is reached with Tab, picked up with Space, moved with the arrows and dropped with Space', async (j) => {
  const { customer, card } = await newCard('Quayside Offices', { gateComplete: true });
  const ops = await j.open('ops');
  const cx = await j.open('cx');
  const board = ops.board;
  await board.expectCardIn(card.id, 'intake');

  await board.tabTo(board.card(card.id));

  // Picked up and put down again with Escape: nothing moves.
  await board.pickUpWithKeyboard();
  await board.lane('customer_experience').getByText('Drop to move on').waitFor();
  await board.announcement(`${customer} is over Operations Intake. This is its current lane.`).waitFor({ state: 'attached' });
  await ops.page.keyboard.press('ArrowRight');
  await board.dropTarget('customer_experience').waitFor();
  await ops.page.keyboard.press('Escape');
  await board.announcement(`Moving ${customer} was cancelled. It stays in Operations Intake.`).waitFor({ state: 'attached' });
  await board.expectCardIn(card.id, 'intake');
  expect((await getCard(card.id)).laneKey).toBe('intake');

  // Now for real: Space, one lane to the right, Space.
  await board.tabTo(board.card(card.id));
  await board.pickUpWithKeyboard();
  await board.lane('customer_experience').getByText('Drop to move on').waitFor();
  await ops.page.keyboard.press('ArrowRight');
  await board.announcement(`${customer} is over Customer Experience. Drop to move it on.`).waitFor({ state: 'attached' });
  await j.step('over customer experience');
  await ops.page.keyboard.press('Space');
  await board.announcement(`${customer} was dropped on Customer Experience.`).waitFor({ state: 'attached' });
  await board.toast(`${customer} moved to Customer Experience`).waitFor();
  await board.expectCardIn(card.id, 'customer_experience');
  await cx.board.expectCardIn(card.id, 'customer_experience');
  expect((await getCard(card.id)).laneKey).toBe('customer_experience');

  // Enter opens it, still without a mouse.
  await board.tabTo(board.card(card.id));
  await ops.page.keyboard.press('Enter');
  await ops.drawer.waitOpen(customer);
  await ops.drawer.laneLine().filter({ hasText: 'Customer Experience' }).waitFor();
  await ops.page.keyboard.press('Escape');
  await ops.drawer.root.waitFor({ state: 'detached' });
});
