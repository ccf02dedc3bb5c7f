import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { browserEndpoint, WAIT_MS } from './env.js';

/**
 * The run's one Chromium (launched by global-setup.mjs) and a new context per person, so two people
 * are two independent browsers: their own cookies, storage and socket.
 */

let connection: Promise<Browser> | null = null;

export function sharedBrowser(): Promise<Browser> {
  connection ??= chromium.connect(browserEndpoint());
  return connection;
}

/** Drops this test file's connection to the browser (the browser itself lives on for the next file). */
export async function disconnectBrowser(): Promise<void> {
  const c = connection;
  connection = null;
  if (c) await (await c).close().catch(() => undefined);
}

/** Wide enough for all eight lanes side by side, so a drag never needs the board to scroll. */
export const VIEWPORT = { width: 2440, height: 1000 };

export interface BrowserTab {
  context: BrowserContext;
  page: Page;
  /** Everything the page said: console messages, uncaught errors, failed requests and error answers. */
  log: string[];
}

export async function newTab(): Promise<BrowserTab> {
  const browser = await sharedBrowser();
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'UTC' });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const log: string[] = [];
  const stamp = () => new Date().toISOString().slice(11, 23);
  page.on('console', (m) => log.push(`${stamp()} console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`${stamp()} pageerror: ${e.stack ?? e.message}`));
  page.on('requestfailed', (r) => log.push(`${stamp()} request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) log.push(`${stamp()} http ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return { context, page, log };
}
