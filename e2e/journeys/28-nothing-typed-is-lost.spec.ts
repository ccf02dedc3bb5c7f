import { createCard, getCard, uniqueCustomer, walkTo } from '../support/api.js';
import { WAIT_MS } from '../support/env.js';
import { journey } from '../support/journey.js';

const REFERENCE = 'Customer account reference in the accounting system';

/** Polls the server's copy of the card until `check` holds (the autosave answers asynchronously). */
async function eventually(cardId: string, check: (card: Awaited<ReturnType<typeof getCard>>) => boolean): Promise<void> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    if (check(await getCard(cardId))) return;
    if (Date.now() > until) throw new Error('the server never got what was typed');
    await new Promise((r) => setTimeout(r, 200));
  }
}

journey(
  'what is typed into a checklist text and the tracker is saved without a Save click, across closing the card and a reload',
  async (j) => {
    const customer = uniqueCustomer('Typed Textiles');
    const card = await createCard(customer);
    await walkTo(card.id, 'accounting');
    const abe = await j.open('accounting');
    const drawer = await abe.openCard(card.id, customer);

    // Typed, and the card closed at once (before the pause that autosaves): it is saved all the same.
    const reference = drawer.root.getByLabel(REFERENCE, { exact: true });
    await reference.click();
    await abe.page.keyboard.type('ACC-2828');
    await drawer.close();
    await eventually(card.id, (c) => c.checklists.some((l) => l.items.some((i) => i.label === REFERENCE && i.value === 'ACC-2828')));

    // Opened again, it shows the saved value.
    await abe.openCard(card.id, customer);
    expect(await drawer.root.getByLabel(REFERENCE, { exact: true }).inputValue()).toBe('ACC-2828');

    // A tracker field typed and the page reloaded straight away: the draft comes back and is saved.
    const nextAction = drawer.root.getByLabel('Next action', { exact: true });
    await nextAction.click();
    await abe.page.keyboard.type('Send the billing pack');
    await abe.page.reload();
    await drawer.waitOpen(customer);
    expect(await drawer.root.getByLabel('Next action', { exact: true }).inputValue()).toBe('Send the billing pack');
    await drawer.root
      .locator('form[aria-label="Tracker"]')
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    await eventually(card.id, (c) => c.nextAction?.text === 'Send the billing pack');

    // An incomplete date (a year still being typed) is never sent.
    const touch = drawer.root.getByLabel('Last customer touch', { exact: true });
    await touch.fill('0002-05-14');
    await drawer.root
      .locator('form[aria-label="Tracker"]')
      .getByRole('status')
      .filter({ hasText: /^Not saved/ })
      .waitFor();
    expect((await getCard(card.id)).lastTouch).toBeNull();
  },
);
