import type { Locator, Page } from 'playwright-core';

/** The notification bell in the top bar and its panel (notifications grouped by card). */
export class Bell {
  readonly button: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole('button', { name: /^Notifications/ });
    this.panel = page.getByRole('region', { name: 'Notifications' });
  }

  /** Waits until the bell announces unread notifications. */
  async waitUnread(): Promise<void> {
    await this.page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).waitFor();
  }

  async open(): Promise<void> {
    if (!(await this.panel.isVisible())) await this.button.click();
    await this.panel.waitFor();
  }

  /** The panel's row for a card (its newest notification shows). */
  about(cardId: string): Locator {
    return this.panel.locator(`li.bell-group[data-card-id="${cardId}"]`);
  }

  /** Opens the card from its row: the drawer opens and the row's notifications are read. */
  async openAbout(cardId: string): Promise<void> {
    await this.about(cardId).locator('.bell-open').click();
  }
}
