import type { Locator, Page } from 'playwright-core';

/** The customer's tracker page (`/track/<token>`), as the customer's phone shows it. */
export class TrackPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** "Step 3 of 7: Billing set-up". */
  stage(): Locator {
    return this.page.locator('.track-stage');
  }

  request(label: string): Locator {
    return this.page.locator(`li.track-request[data-request-label=${JSON.stringify(label)}]`);
  }

  /** Types an answer to a text, number or date request and sends it. */
  async answer(label: string, text: string): Promise<void> {
    const row = this.request(label);
    await row.getByLabel(label, { exact: false }).first().fill(text);
    await row.getByRole('button', { name: 'Send' }).click();
    await row.locator('.track-pill.is-done').waitFor();
  }

  async upload(label: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const row = this.request(label);
    await row.locator('input[type=file]').setInputFiles(file);
    await row.locator('.track-pill.is-done').waitFor();
  }

  ended(): Locator {
    return this.page.getByRole('heading', { name: 'This link is no longer active' });
  }
}
