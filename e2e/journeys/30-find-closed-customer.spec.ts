import { advanceClock, board, cardEvents, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

// The test clock only moves forward and is shared: this journey runs last (files run in name order) and moves it
// more than a year, so its card was closed "last year" and has left the board's Done lane (issue 24).
journey("last year's customer is found from the Cards view by a word beginning without accents, and opens with its history", async (j) => {
  const { customer, card } = await newCard('Sjöstrand Ölmühle', {
    lane: 'done',
    form: { contactName: 'Åsa Núñez', contactEmail: `asa.nunez.${Date.now().toString(36)}@olmuhle.example` },
  });
  const suffix = customer.split(' ').at(-1)!;
  // The clock moves at most a year per call.
  for (let i = 0; i < 2; i++) await advanceClock(200 * 24 * 60);
  expect((await board()).cards.some((c) => c.id === card.id)).toBe(false);
  // Closed today, so still on the board, and in the closed list until the search leaves it out.
  const decoy = await newCard('Sjöstrand Ölbryggeri', { lane: 'done' });

  const admin = await j.open('admin');
  const page = admin.page;
  await admin.board.waitReady();
  await admin.board.cardIn(decoy.card.id, 'done').waitFor();
  expect(await admin.board.card(card.id).count()).toBe(0);

  // Done's link opens the list of closed cards, newest first.
  await admin.board
    .lane('done')
    .getByRole('link', { name: /Older closed cards/ })
    .click();
  await admin.cards.waitReady();
  expect(new URL(page.url()).searchParams.get('status')).toBe('closed');
  await admin.cards.row(decoy.card.id).waitFor();
  await j.step('closed cards');

  // Lower case, no accents, only the beginnings of the words.
  await admin.cards.search(`olmuh ${suffix.slice(0, 4)}`);
  await page.waitForURL((u) => u.searchParams.get('q') === `olmuh ${suffix.slice(0, 4)}`);
  await admin.cards.row(decoy.card.id).waitFor({ state: 'detached' });
  await admin.cards.row(card.id).waitFor();
  expect(await admin.cards.rows().count()).toBe(1);
  await admin.cards.row(card.id).getByText('Åsa Núñez').waitFor();
  const url = new URL(page.url());
  expect(url.searchParams.get('q')).toBe(`olmuh ${suffix.slice(0, 4)}`);
  expect(await admin.cards.exportLink().getAttribute('href')).toBe(
    `/api/cards/export.csv?${new URLSearchParams({ q: `olmuh ${suffix.slice(0, 4)}`, status: 'closed', sort: '-closed' })}`,
  );
  // The export is exactly this list: the customer, not the decoy.
  const csv = await page.request.get(new URL((await admin.cards.exportLink().getAttribute('href'))!, page.url()).toString());
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(customer);
  expect(text).not.toContain(decoy.customer);
  await j.step('found');

  // A reload (or the link, shared) shows the same list.
  await page.reload();
  await admin.cards.row(card.id).waitFor();
  expect(await admin.cards.rows().count()).toBe(1);

  // The row opens the card: its full history is there.
  await admin.cards.row(card.id).getByRole('button', { name: customer }).click();
  await admin.drawer.waitOpen(customer);
  const events = await cardEvents(card.id);
  expect(events.length).toBeGreaterThan(3);
  await admin.drawer.historyEntry(/Done/).first().waitFor();
  expect(await admin.drawer.history().count()).toBeGreaterThan(3);
  await j.step('drawer');
});
