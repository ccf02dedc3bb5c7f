import type { Locator, Page } from 'playwright-core';
import { enterValue, type UiValue } from './checklist-value.js';

/** The open card beside the board (`?card=<id>`): checklists, people, details and its history. */
export class CardDrawer {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: /^Card: / });
  }

  /** Waits for the card to be open and loaded (its title as the heading). */
  async waitOpen(title: string): Promise<void> {
    await this.root.getByRole('heading', { name: title, exact: true }).waitFor();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close card' }).click();
    await this.root.waitFor({ state: 'detached' });
  }

  /** The line under the title: current lane and time in it. */
  laneLine(): Locator {
    return this.root.locator('.drawer-header > p');
  }

  /** The checklist of one lane visited, e.g. "Operations Intake". */
  checklist(laneName: string): Locator {
    return this.root.locator('details.checklist').filter({ has: this.page.locator('summary', { hasText: laneName }) });
  }

  item(label: string): Locator {
    return this.root.locator('li.checklist-item').filter({ has: this.page.getByLabel(label, { exact: true }) });
  }

  /** Fills one item of the current lane's checklist and waits for the server to take it. */
  async fill(label: string, value: UiValue): Promise<void> {
    const list = this.root.locator('details.checklist[open]');
    await enterValue(this.page, list, label, value);
    // The control is enabled again once the answer is applied, to the drawer and to the board's copy of the card.
    await list.getByLabel(label, { exact: true }).and(this.page.locator(':enabled')).waitFor({ state: 'attached' });
  }

  /** Fills items in order. */
  async fillAll(values: [label: string, value: UiValue][]): Promise<void> {
    for (const [label, value] of values) await this.fill(label, value);
  }

  /** An item shown to this person as read-only (no control): someone else's to complete. */
  readOnlyItem(label: string): Locator {
    return this.root.locator('li.checklist-item').filter({ hasText: label }).locator('.value-text');
  }

  /** "Share with customer": creates the link (optionally emailing it) and answers the URL shown once. */
  async shareWithCustomer(opts: { days?: number } = {}): Promise<string> {
    const section = this.shareSection();
    if (opts.days) await section.getByLabel('Works for').selectOption(String(opts.days));
    await section.getByRole('button', { name: /Create link|Replace the link/ }).click();
    const url = section.getByLabel(/^Link for /);
    await url.waitFor();
    return url.inputValue();
  }

  shareSection(): Locator {
    return this.root.locator('section').filter({ has: this.page.getByRole('heading', { name: 'Share with customer' }) });
  }

  /** Revokes the customer's link, accepting the confirmation. */
  async revokeShare(): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.shareSection().getByRole('button', { name: 'Revoke link' }).click();
    await this.shareSection()
      .getByText(/No active link/)
      .waitFor();
  }

  async pickUp(): Promise<void> {
    await this.root.getByRole('button', { name: "I've got it" }).click();
  }

  holder(): Locator {
    return this.root.locator('.pickup-holder');
  }

  /** The history, newest first: one list item per event. */
  history(): Locator {
    return this.root.getByRole('list', { name: 'Activity' }).getByRole('listitem');
  }

  historyEntry(text: string | RegExp): Locator {
    return this.history().filter({ hasText: text });
  }

  /** The finished card's go-live date, as the drawer shows it. */
  goLiveDate(): Locator {
    return this.root.locator('[data-go-live-date]');
  }
}
