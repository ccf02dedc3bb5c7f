import { addUser, newUser } from '../support/api.js';
import { journey } from '../support/journey.js';

journey('a person changes their password in My account; their other browser is signed out, this one stays', async (j) => {
  const email = `pia.${Date.now()}@relay.test`;
  const first = 'harbour-lantern-42';
  await addUser(newUser('staff', { name: 'Pia Password', email, password: first }));
  const laptop = await j.openAs(email, first, 'laptop');
  const phone = await j.openAs(email, first, 'phone');

  await laptop.account.open();
  expect(await laptop.account.accessibilityViolations()).toEqual([]);
  // The shared rule's reason shows while typing.
  await laptop.account.typeNew('pia-lantern');
  await laptop.account.rule.filter({ hasText: 'The new password must be at least 12 characters' }).waitFor();
  await laptop.account.typeNew('pia-lantern-2026');
  await laptop.account.rule.filter({ hasText: 'The new password must not contain the email address' }).waitFor();
  await j.step('rule shown while typing');

  // The server's own refusal (the common-password list the browser does not have) shows beside the field.
  await laptop.account.change(first, 'qwerty123456');
  await laptop.account.form.getByText('New password is one of the most common passwords').waitFor();

  await laptop.account.change(first, 'copper-kettle-lamp-9');
  await laptop.account.done.filter({ hasText: 'Your password is changed' }).waitFor();
  expect(await laptop.account.accessibilityViolations()).toEqual([]);
  await j.step('changed');

  // The other browser's session ended: its socket was closed and it is back at the sign-in page.
  await phone.page.getByText('Your session has ended. Please sign in again.').waitFor();
  await phone.page.getByRole('heading', { name: 'Sign in to the onboarding board' }).waitFor();
  // This one stays signed in.
  await laptop.page.getByRole('button', { name: 'Back to the board' }).click();
  await laptop.board.waitReady();
});
