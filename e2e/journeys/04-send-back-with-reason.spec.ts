import { cardEvents, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('customer experience sends a card back with a reason, and operations reads the reason in its history', async (j) => {
  const { customer, card } = await newCard('Lakeside Gym', { lane: 'customer_experience' });
  const cx = await j.open('cx');
  const ops = await j.open('ops');
  await cx.board.expectCardIn(card.id, 'customer_experience');
  await ops.board.expectCardIn(card.id, 'customer_experience');

  await cx.board.dragCard(card.id, 'intake');
  await cx.sendBack.waitOpen();
  await expect(cx.sendBack.root.getByRole('heading').first().textContent()).resolves.toBe(`Send ${customer} back to Operations Intake`);
  // A reason is required: sending without one is refused beside the field.
  await cx.sendBack.root.getByRole('button', { name: 'Send back' }).click();
  await cx.sendBack.root.getByRole('alert').filter({ hasText: 'Write why the card goes back.' }).waitFor();
  expect((await cardEvents(card.id)).some((e) => e.type === 'sent_back')).toBe(false);

  const reason = 'The contract start date is wrong: sales to confirm 15 December';
  await cx.sendBack.sendBack(reason);
  await cx.board.toast(`${customer} sent back to Operations Intake`).waitFor();
  await cx.board.expectCardIn(card.id, 'intake');

  // In the other browser the card moves back by itself, and its history tells why.
  await ops.board.expectCardIn(card.id, 'intake');
  const drawer = await ops.openCard(card.id, customer);
  await drawer.historyEntry(/Cara CX\s*sent it back to Operations Intake/).waitFor();
  await drawer.historyEntry(`“${reason}”`).waitFor();
  // Nothing already ticked is lost.
  await drawer.checklist('Operations Intake').locator('summary', { hasText: '7/7 required' }).waitFor();
  await j.step('reason in history');

  // Operations is also told why, in the bell.
  await ops.bell.open();
  await ops.bell
    .about(card.id)
    .filter({ hasText: `sent back from Customer Experience: ${reason}` })
    .waitFor();

  const sentBack = (await cardEvents(card.id)).filter((e) => e.type === 'sent_back');
  expect(sentBack).toHaveLength(1);
  expect(sentBack[0]!.data.reason).toBe(reason);
  expect(sentBack[0]!.actor?.name).toBe('Cara CX');
});
