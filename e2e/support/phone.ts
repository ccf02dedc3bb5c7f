import type { BrowserContext, Page } from 'playwright-core';
import { BoardPage } from '../pages/BoardPage.js';
import { SignInPage } from '../pages/SignInPage.js';
import { DEMO_PASSWORD, emailOf, type Person } from './api.js';
import { sharedBrowser } from './browser.js';
import { WAIT_MS } from './env.js';

/** A phone (390×844, touch) signed in as `person` through the sign-in page, on the live board. Close `context` after. */
export async function openOnPhone(person: Person): Promise<{ context: BrowserContext; page: Page; board: BoardPage }> {
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(WAIT_MS);
  try {
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(emailOf(person), DEMO_PASSWORD);
    const board = new BoardPage(page);
    await board.waitReady();
    return { context, page, board };
  } catch (err) {
    await context.close();
    throw err;
  }
}
