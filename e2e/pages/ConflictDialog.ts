import type { Locator, Page } from 'playwright-core';

/** Shown when someone else changed the card first: where it truly is now, and who changed it. */
export class ConflictDialog {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: / changed meanwhile$/ });
  }

  /** A fact of the dialog ("Lane now", "Changed by", "Checklist"). */
  fact(term: string): Locator {
    return this.root.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  async dismiss(): Promise<void> {
    await this.root.getByRole('button', { name: 'OK' }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}
