import type { Locator, Page } from 'playwright-core';

/** Asked when a card is dropped on an earlier lane: why it goes back. */
export class SendBackDialog {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: /^Send .* back to / });
  }

  async waitOpen(): Promise<void> {
    await this.root.getByLabel('Reason').waitFor();
  }

  async sendBack(reason: string): Promise<void> {
    await this.root.getByLabel('Reason').fill(reason);
    await this.root.getByRole('button', { name: 'Send back' }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}
