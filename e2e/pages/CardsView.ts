import type { Locator, Page } from 'playwright-core';

/** The Cards view (`?view=cards`): every onboarding as a table, searched and filtered on the server. */
export class CardsView {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Cards' }).click();
    await this.waitReady();
  }

  /** The filters are there and the first answer is in (a table, or the empty state). */
  async waitReady(): Promise<void> {
    await this.page.getByRole('search', { name: 'Filter the cards' }).waitFor();
    await this.page.locator('.cards-view :is(table, .state-empty, .state-error)').first().waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('search', { name: 'Filter the cards' }).getByRole('searchbox').fill(text);
  }

  /** The table's row for one card. */
  row(cardId: string): Locator {
    return this.page.locator(`.cards-view tr[data-card-id="${cardId}"]`);
  }

  rows(): Locator {
    return this.page.locator('.cards-view tbody tr');
  }

  status(label: 'Open' | 'Closed' | 'All'): Locator {
    return this.page.getByRole('group', { name: 'Status' }).getByRole('button', { name: label });
  }

  exportLink(): Locator {
    return this.page.getByRole('link', { name: 'Export CSV' });
  }
}
