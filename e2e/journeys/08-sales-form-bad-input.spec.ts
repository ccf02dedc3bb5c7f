import { board } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('bad input in the sales form: a bad email and missing fields show errors beside the fields and create nothing', async (j) => {
  const sales = await j.open('sales');
  const before = (await board()).cards.length;
  const posts: string[] = [];
  sales.page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/cards') && posts.push(r.url()));

  await sales.board.startNewOnboarding();
  const form = sales.newCard;
  await form.waitOpen();
  await form.fill({ contactName: 'Gail Keeper', contactEmail: 'gail-at-example', contractValue: 1000 });
  await form.submit();

  await form.formError().filter({ hasText: 'Some fields need attention.' }).waitFor();
  await form.fieldError('contactEmail').filter({ hasText: 'Contact email must be an email address' }).waitFor();
  await form.fieldError('customerName').filter({ hasText: 'Customer name is required' }).waitFor();
  await form.fieldError('serviceAddress').filter({ hasText: 'Service address is required' }).waitFor();
  await form.fieldError('contractStartDate').filter({ hasText: 'YYYY-MM-DD' }).waitFor();
  await form.fieldError('services').filter({ hasText: 'Services must list at least one service' }).waitFor();
  await j.step('errors beside the fields');
  // Fields filled correctly, and optional ones left empty, raise nothing.
  expect(await form.fieldError('contactName').count()).toBe(0);
  expect(await form.fieldError('contactPhone').count()).toBe(0);
  expect(await form.fieldError('contractValue').count()).toBe(0);
  await expect(form.input('contactEmail').getAttribute('aria-invalid')).resolves.toBe('true');
  // The first field in error has the focus, so a keyboard user lands on it.
  await sales.page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');

  // Correcting a field clears its error; the others stay until they are fixed.
  await form.input('contactEmail').fill('gail@example.test');
  await form.fieldError('contactEmail').waitFor({ state: 'detached' });
  expect(await form.fieldError('customerName').count()).toBe(1);

  // Nothing was sent and nothing created; the dialog is still open for corrections.
  expect(posts).toEqual([]);
  expect((await board()).cards.length).toBe(before);
  await form.cancel();
  await sales.board.lane('intake').waitFor();
  expect((await board()).cards.length).toBe(before);
  expect(posts).toEqual([]);
});
