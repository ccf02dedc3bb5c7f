import { completeLane, createCard, lanes, retireChecklistItem, uniqueCustomer, walkTo } from '../support/api.js';
import { journey } from '../support/journey.js';

/** Retires the item added here, so the other journeys keep the default Accounting checklist. */
async function retire(label: string): Promise<void> {
  const item = (await lanes()).find((l) => l.key === 'accounting')?.checklist.find((i) => i.label === label && !i.retired);
  if (item) await retireChecklistItem(item.id);
}

journey('the admin adds a required item to Accounting; a card then cannot leave Accounting until it is ticked', async (j) => {
  const customer = uniqueCustomer('Granite Works');
  const label = `Credit check passed (${uniqueCustomer('e2e')})`;
  const card = await createCard(customer);
  await walkTo(card.id, 'accounting');
  await completeLane(card.id);
  const accounting = await j.open('accounting');
  const admin = await j.open('admin');
  await accounting.board.card(card.id).getByTitle('Checklist 3 of 3 done').waitFor();

  try {
    await admin.admin.open();
    await admin.admin.chooseLane('Accounting');
    await admin.admin.addCheckItem('Accounting', label);
    await admin.board.toast(`"${label}" was added to Accounting`).waitFor();
    await admin.admin.items('Accounting').filter({ hasText: label }).waitFor();
    await j.step('item added');

    // The accounting board learns of the new item live: the card now lacks one.
    await accounting.board.card(card.id).getByTitle('Checklist 3 of 4 done').waitFor();
    await accounting.board.dragCard(card.id, 'operational_setup');
    await accounting.missing.waitOpen();
    expect(await accounting.missing.missingLabels()).toEqual([label]);
    await accounting.missing.close();
    await accounting.board.expectCardIn(card.id, 'accounting');

    // Ticked in the card, it may leave.
    const drawer = await accounting.openCard(card.id, customer);
    await drawer.fill(label, true);
    await drawer.close();
    await accounting.board.card(card.id).getByTitle('Checklist 4 of 4 done').waitFor();
    await accounting.board.dragCard(card.id, 'operational_setup');
    await accounting.board.toast(`${customer} moved to Operational Setup`).waitFor();
    await accounting.board.expectCardIn(card.id, 'operational_setup');
    await admin.board.showBoard();
    await admin.board.expectCardIn(card.id, 'operational_setup');
  } finally {
    await retire(label);
  }
});
