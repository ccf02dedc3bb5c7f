import type { Locator, Page } from 'playwright-core';

/** The senior manager's view: lane metrics and the stuck cards, most overdue first. */
export class ManagerView {
  constructor(readonly page: Page) {}

  async waitReady(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Stuck cards' }).waitFor();
  }

  stuckList(): Locator {
    return this.page.getByRole('list', { name: 'Stuck cards, most overdue first' });
  }

  /** The stuck list's row for one customer. */
  stuckRow(title: string): Locator {
    return this.stuckList().getByRole('listitem').filter({ hasText: title });
  }
}
