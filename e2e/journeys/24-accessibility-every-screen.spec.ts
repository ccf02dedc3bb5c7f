import { newCard } from '../support/api.js';
import { seriousViolations } from '../support/axe.js';
import { newTab } from '../support/browser.js';
import { journey } from '../support/journey.js';
import { SignInPage } from '../pages/SignInPage.js';

journey('axe-core finds no serious or critical violation on any screen, for any role', async (j) => {
  const found: Record<string, string[]> = {};
  const titles: Record<string, string> = {};
  const check = async (screen: string, page: Parameters<typeof seriousViolations>[0]) => {
    found[screen] = await seriousViolations(page);
    titles[screen] = await page.title();
  };

  // Sign-in, before anyone is signed in.
  const anonymous = await newTab();
  try {
    await new SignInPage(anonymous.page).open();
    await check('sign-in', anonymous.page);
  } finally {
    await anonymous.context.close();
  }

  const { customer, card } = await newCard('Axe Aquarium');
  const admin = await j.open('admin');
  const page = admin.page;
  await check('board', page);
  // The first Tab reaches the skip link, which leads to the board.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the board');
  await page.getByRole('heading', { level: 1 }).waitFor({ state: 'attached' });

  await admin.openCard(card.id, customer);
  await check('drawer', page);
  await admin.drawer.close();
  // Focus goes back to the tile that opened the card, not to the page's body.
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-card-id') === id, card.id);

  await admin.board.startNewOnboarding();
  await admin.newCard.root.waitFor();
  await check('new onboarding form', page);
  await page.keyboard.press('Escape');
  await admin.newCard.root.waitFor({ state: 'detached' });

  await admin.board.showManagerView();
  await admin.manager.waitReady();
  await check('manager view', page);
  await admin.cards.open();
  await check('cards view', page);
  await admin.board.showBoard();

  await admin.bell.open();
  await check('bell', page);
  await page.keyboard.press('Escape');

  await admin.admin.open();
  for (const section of ['Lanes & checklists', 'People', 'Departments', 'Settings', 'Audit log']) {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('button', { name: section }).click();
    await page.locator('.admin-body :is(h2, h3, table, ul, form)').first().waitFor();
    await page.waitForTimeout(200);
    await check(`admin: ${section}`, page);
  }

  // Each view names itself in the window's title.
  expect(titles).toMatchObject({
    'sign-in': 'Sign in · Relay',
    board: 'Board · Relay',
    'manager view': 'Manager · Relay',
    'cards view': 'Cards · Relay',
    'admin: Settings': 'Admin: Settings · Relay',
    'admin: People': 'Admin: People · Relay',
  });
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
});
