import { cardEvents, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('operations moves a card on by mistake and takes it back with Undo, without a reason', async (j) => {
  const { customer, card } = await newCard('Undo Upholstery', { gateComplete: true });
  const ops = await j.open('ops');
  const cx = await j.open('cx');
  await ops.board.expectCardIn(card.id, 'intake');

  await ops.board.dragCard(card.id, 'customer_experience');
  await ops.board.toast(`${customer} moved to Customer Experience`).waitFor();
  await cx.board.expectCardIn(card.id, 'customer_experience');
  await j.step('moved');

  // The toast offers Undo; operations cannot work Customer Experience, yet takes its own move back.
  await ops.board.toast(`${customer} moved to Customer Experience`).getByRole('button', { name: /^Undo/ }).click();
  await ops.board.toast('Move undone: back in Operations Intake').waitFor();
  await ops.board.expectCardIn(card.id, 'intake');
  await cx.board.expectCardIn(card.id, 'intake');
  await j.step('undone');
  const events = await cardEvents(card.id);
  expect(events.at(-1)).toMatchObject({ type: 'move_undone', actor: { name: 'Olive Ops' }, data: { to: 'intake', reason: null } });
  const drawer = await cx.openCard(card.id, customer);
  await drawer.historyEntry(/Olive Ops\s*undid the move: back to Operations Intake/).waitFor();

  // The offer lasts 10 seconds.
  await ops.board.dragCard(card.id, 'customer_experience');
  const toast = ops.board.toast(`${customer} moved to Customer Experience`);
  await toast.getByRole('button', { name: /^Undo/ }).waitFor();
  await toast.waitFor({ state: 'detached', timeout: 12_000 });
});
