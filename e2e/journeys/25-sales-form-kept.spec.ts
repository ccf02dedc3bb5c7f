import { uniqueCustomer } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('a half-filled sales form survives Escape, a click outside and a reload, and is gone once created', async (j) => {
  const customer = uniqueCustomer('Kept Kitchens');
  const sales = await j.open('sales');
  const form = sales.newCard;
  await sales.board.startNewOnboarding();
  await form.waitOpen();
  await form.fill({ customerName: customer, contactName: 'Kim Kept', services: ['janitorial'] });

  // Escape closes the dialog; what was typed is still there when it opens again.
  await sales.page.keyboard.press('Escape');
  await form.root.waitFor({ state: 'detached' });
  await sales.board.startNewOnboarding();
  await form.waitOpen();
  expect(await form.input('customerName').inputValue()).toBe(customer);
  await form.root.getByRole('status').filter({ hasText: 'Your unfinished form was kept.' }).waitFor();

  // A click outside the dialog (on its backdrop) too.
  await sales.page.mouse.click(5, 450);
  await form.root.waitFor({ state: 'detached' });
  // And a reload.
  await sales.page.reload();
  await sales.board.waitReady();
  await sales.board.startNewOnboarding();
  await form.waitOpen();
  expect(await form.input('customerName').inputValue()).toBe(customer);
  expect(await form.input('contactName').inputValue()).toBe('Kim Kept');
  await form.root.getByRole('list', { name: 'Services added' }).getByRole('listitem').filter({ hasText: 'janitorial' }).waitFor();
  await j.step('restored after reload');

  await form.fill({
    contactEmail: 'kim@kept.example',
    serviceAddress: '4 Oven Row',
    contractStartDate: '2026-12-15',
    contractValue: 9000,
  });
  await form.submit();
  await form.root.waitFor({ state: 'detached' });
  await sales.board.toast(`${customer} was created in Operations Intake`).waitFor();
  await sales.board.startNewOnboarding();
  await form.waitOpen();
  expect(await form.input('customerName').inputValue()).toBe('');
  expect(await form.root.getByRole('status').filter({ hasText: 'kept' }).count()).toBe(0);
});
