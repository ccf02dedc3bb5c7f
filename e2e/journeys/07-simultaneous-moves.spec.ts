import { cardEvents, getCard, newCard } from '../support/api.js';
import { journey, type Actor } from '../support/journey.js';

journey('two browsers move the same card at the same moment: one wins, the other is told and shows the true state', async (j) => {
  const { customer, card } = await newCard('Twin Peaks Hotel', { gateComplete: true });
  const ops = await j.open('ops');
  const supervisor = await j.open('supervisor');
  for (const a of [ops, supervisor]) await a.board.expectCardIn(card.id, 'intake');

  // Both pick the card up and hold it over Customer Experience, then let go together.
  await ops.board.dragCard(card.id, 'customer_experience', { release: false });
  await supervisor.board.dragCard(card.id, 'customer_experience', { release: false });
  await Promise.all([ops.page.mouse.up(), supervisor.page.mouse.up()]);

  // Each browser ends in one of two ways: the move went through, or it is told someone was first.
  const outcome = (a: Actor) =>
    Promise.any([
      a.conflict.root.waitFor().then(() => 'told' as const),
      a.board
        .toast(`${customer} moved to Customer Experience`)
        .waitFor()
        .then(() => 'moved' as const),
    ]);
  const outcomes = await Promise.all([outcome(ops), outcome(supervisor)]);
  expect([...outcomes].sort()).toEqual(['moved', 'told']);
  const [winner, loser] = outcomes[0] === 'moved' ? [ops, supervisor] : [supervisor, ops];
  await j.step('one is told');

  const after = await getCard(card.id);
  expect(after.laneKey).toBe('customer_experience');
  const moved = (await cardEvents(card.id)).filter((e) => e.type === 'moved');
  expect(moved).toHaveLength(1);
  expect(moved[0]!.actor?.name).toBe(winner === ops ? 'Olive Ops' : 'Sofia Supervisor');

  // The winner's move simply went through.
  expect(await winner.conflict.root.count()).toBe(0);
  // The loser is told where the card truly is and who moved it; nothing was overwritten.
  await loser.conflict.fact('Lane now').filter({ hasText: 'Customer Experience' }).waitFor();
  await loser.conflict
    .fact('Changed by')
    .filter({ hasText: `${moved[0]!.actor!.name} moved it` })
    .waitFor();
  await loser.conflict.dismiss();
  // Both boards show the true state.
  for (const a of [ops, supervisor]) {
    await a.board.expectCardIn(card.id, 'customer_experience');
    expect(await a.board.card(card.id).count()).toBe(1);
  }
});
