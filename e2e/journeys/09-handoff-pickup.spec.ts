import { completeLane, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('operations moves a card to Accounting; it appears in accounting’s bell, who picks it up while operations watches', async (j) => {
  const { customer, card } = await newCard('Copper Kettle Cafe', { lane: 'customer_experience' });
  await completeLane(card.id);
  const accounting = await j.open('accounting');
  // The operations supervisor moves it on (supervisors may work any lane) and keeps the card open.
  const ops = await j.open('supervisor', 'operations-supervisor');
  await ops.board.expectCardIn(card.id, 'customer_experience');

  await ops.board.dragCard(card.id, 'accounting');
  await ops.board.toast(`${customer} moved to Accounting`).waitFor();
  await ops.board.card(card.id).getByText('Not picked up yet').waitFor();
  const watching = await ops.openCard(card.id, customer);
  await watching.holder().waitFor({ state: 'detached' });

  // Accounting hears of the handoff in the bell, live.
  await accounting.bell.waitUnread();
  await accounting.bell.open();
  const row = accounting.bell.about(card.id);
  await row.filter({ hasText: `${customer} arrived in Accounting` }).waitFor();
  await j.step('in the bell');
  await accounting.bell.openAbout(card.id);
  await accounting.drawer.waitOpen(customer);
  await accounting.drawer.laneLine().filter({ hasText: 'Accounting' }).waitFor();
  await accounting.drawer.pickUp();
  await accounting.board.toast("You've got it").waitFor();
  await accounting.drawer.holder().filter({ hasText: 'Picked up by you' }).waitFor();

  // Operations watches the card change: on the board tile and in the open card.
  await ops.board.card(card.id).getByTitle('Picked up by Abe Accounts').waitFor();
  await watching.holder().filter({ hasText: 'Picked up by Abe Accounts' }).waitFor();
  await j.step('picked up');

  // Opening it from the bell read the notification.
  await accounting.bell.open();
  await accounting.bell.about(card.id).locator('.bell-row:not(.is-unread)').waitFor();
});
