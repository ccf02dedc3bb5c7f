import type { Locator, Page } from 'playwright-core';
import { enterValue, type UiValue } from './checklist-value.js';

/** Shown when a move is refused for an incomplete checklist: the missing items, fillable in place. */
export class MissingItemsPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: /can't move to .* yet$/ });
  }

  async waitOpen(): Promise<void> {
    await this.root.getByRole('list', { name: 'Missing items' }).waitFor();
  }

  title(): Locator {
    return this.root.getByRole('heading').first();
  }

  rows(): Locator {
    return this.root.getByRole('list', { name: 'Missing items' }).getByRole('listitem');
  }

  /** The labels of the items still missing, in the order shown. */
  async missingLabels(): Promise<string[]> {
    return (await this.rows().locator('.missing-label strong').allTextContents()).map((s) => s.trim());
  }

  /** Fills one missing item here and waits for it to leave the list. */
  async fill(label: string, value: UiValue): Promise<void> {
    const row = this.rows().filter({ has: this.page.getByLabel(label, { exact: true }) });
    await enterValue(this.page, row, label, value);
    await row.waitFor({ state: 'detached' });
  }

  async close(): Promise<void> {
    await this.root.locator('.dialog-actions').getByRole('button', { name: 'Close' }).click();
    await this.root.waitFor({ state: 'detached' });
  }

  async waitClosed(): Promise<void> {
    await this.root.waitFor({ state: 'detached' });
  }
}
