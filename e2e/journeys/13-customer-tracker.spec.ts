import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { TrackPage } from '../pages/TrackPage.js';
import { accessibilityViolations } from '../support/axe.js';
import { completeLane, getCard, moveCard, newCard } from '../support/api.js';
import { sharedBrowser } from '../support/browser.js';
import { WAIT_MS } from '../support/env.js';
import { journey } from '../support/journey.js';

const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', '13-customer-tracker');
const WCAG_A_AA = ['wcag2a', 'wcag2aa'];

/** What axe-core (WCAG 2 A and AA rules) finds wrong with the page, or a part of it, as it is now. */
const accessibilityProblems = (page: Page, selector = 'html') => accessibilityViolations(page, { selector, runOnly: WCAG_A_AA });

journey(
  "a supervisor shares the card with its customer, who follows it on a phone, answers and sends a file while the supervisor watches; a move shows on the customer's page, and revoking ends it",
  async (j) => {
    await mkdir(shots, { recursive: true });
    const { customer, card } = await newCard('Harbour Dental', {
      lane: 'accounting',
      form: { contactName: 'Ann Harbour', contactEmail: 'ann@harbour-dental.example' },
    });

    const supervisor = await j.open('supervisor');
    const drawer = await supervisor.openCard(card.id, customer);
    const url = await drawer.shareWithCustomer({ days: 30 });
    expect(url).toMatch(/\/track\/[A-Za-z0-9_-]{43}$/);
    await drawer
      .shareSection()
      .getByText(/Link active · expires/)
      .waitFor();
    await drawer.shareSection().screenshot({ path: join(shots, 'drawer-share-section.png') });
    expect(await accessibilityProblems(supervisor.page, 'section[aria-labelledby="sec-share"]')).toEqual([]);
    await j.step('link created');

    // The customer's phone: another browser, no account.
    const phone = await (
      await sharedBrowser()
    ).newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    phone.setDefaultTimeout(WAIT_MS);
    try {
      const page = await phone.newPage();
      const track = new TrackPage(page);
      const response = page.waitForResponse((r) => r.url().includes('/track/'));
      await track.open(url);
      const headers = (await response).headers();
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-robots-tag']).toMatch(/noindex/);
      await track.heading(customer).waitFor();
      await expect(track.stage().textContent()).resolves.toBe('Step 3 of 7: Billing set-up');
      await track.request('Billing contact').waitFor();
      // Nothing internal: no staff names, no team items.
      const text = (await page.locator('main').textContent()) ?? '';
      for (const internal of ['Sofia Supervisor', 'Abe Accounts', 'Budgeted hours and rates loaded', 'relay.test', 'Accounting'])
        expect(text).not.toContain(internal);
      await page.screenshot({ path: join(shots, 'customer-page-390x844.png') });
      await page.screenshot({ path: join(shots, 'customer-page-full.png'), fullPage: true });
      expect(await accessibilityProblems(page)).toEqual([]);
      await j.step('customer page open');

      // The customer answers a request; the supervisor's open card shows it at once, as the customer's.
      await track.answer('Billing contact', 'Ann Harbour, ann@harbour-dental.example');
      await drawer.root.getByText(/by Ann Harbour \(customer\)/).waitFor();
      await expect(drawer.item('Billing contact').locator('input').inputValue()).resolves.toBe('Ann Harbour, ann@harbour-dental.example');

      // …and sends a file with the same limits as the team's uploads.
      await track.upload('Purchase order (if you use them)', {
        name: 'po-4471.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 purchase order 4471'),
      });
      await drawer.root.getByText('po-4471.pdf').first().waitFor();
      await drawer.item('Billing contact').scrollIntoViewIfNeeded();
      await drawer.root.screenshot({ path: join(shots, 'drawer-after-answers.png') });
      const answered = await getCard(card.id);
      expect(answered.attachments.map((a) => a.name)).toEqual(['po-4471.pdf']);
      await j.step('customer answered');

      // The team finishes Accounting and moves the card on: the customer's page follows within 5 s, no reload.
      await completeLane(card.id);
      await moveCard('accounting', card.id, 'operational_setup');
      await track.stage().filter({ hasText: 'Step 4 of 7: Preparing your service' }).waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(shots, 'customer-page-after-move.png'), fullPage: true });
      expect(await accessibilityProblems(page)).toEqual([]);
      await j.step('customer page followed the move');

      // Revoked: the open page says so within 5 s.
      await drawer.revokeShare();
      await track.ended().waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(shots, 'customer-page-revoked.png') });
    } finally {
      await phone.close();
    }
  },
);
