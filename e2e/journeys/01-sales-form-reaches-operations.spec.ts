import { board, salesForm, uniqueCustomer } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('a sales rep submits the new-onboarding form and the card appears in Operations Intake in an open operations board', async (j) => {
  // Operations has the board open before the sale is made.
  const ops = await j.open('ops');
  const reloads: string[] = [];
  ops.page.on('framenavigated', (f) => f === ops.page.mainFrame() && reloads.push(f.url()));
  const sales = await j.open('sales');
  const customer = uniqueCustomer('Gatekeeper Foods');

  await sales.board.startNewOnboarding();
  await sales.newCard.waitOpen();
  await sales.newCard.fill({
    ...salesForm({ customerName: customer, contactPhone: '+1 555 0100', specialConditions: 'Night shifts only', contractValue: 52000 }),
    services: ['janitorial', 'window cleaning'],
  });
  await sales.newCard.submit();
  await sales.newCard.root.waitFor({ state: 'detached' });
  await sales.board.toast(`${customer} was created in Operations Intake`).waitFor();

  const created = (await board()).cards.find((c) => c.title === customer);
  expect(created).toBeDefined();
  expect(created!.laneKey).toBe('intake');

  // No reload: the tile arrives over the socket in the board operations already had open.
  await ops.board.expectCardIn(created!.id, 'intake');
  await expect(ops.board.card(created!.id).textContent()).resolves.toContain(customer);
  expect(reloads).toEqual([]);

  // Operations intake hears of every new sale.
  await ops.bell.waitUnread();
  await ops.bell.open();
  await ops.bell
    .about(created!.id)
    .filter({ hasText: `New sale: ${customer} arrived in Operations Intake` })
    .waitFor();

  // What operations sees is what was typed.
  const drawer = await ops.openCard(created!.id, customer);
  await drawer.root.getByText('Night shifts only').waitFor();
  await drawer.root.getByText('janitorial, window cleaning').waitFor();
  await drawer.historyEntry('created the onboarding').waitFor();
});
