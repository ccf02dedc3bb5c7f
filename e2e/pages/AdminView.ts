import type { Locator, Page } from 'playwright-core';

/** The admin's settings: lanes and their checklist templates (people, departments, audit log). */
export class AdminView {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Admin' }).click();
    await this.page.getByRole('navigation', { name: 'Admin sections' }).waitFor();
  }

  async chooseLane(name: string): Promise<void> {
    await this.page
      .getByRole('complementary', { name: 'Lanes' })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) })
      .click();
    await this.checklist(name).waitFor();
  }

  /** The lane's checklist template editor. */
  checklist(laneName: string): Locator {
    return this.page.getByRole('region', { name: `Checklist of ${laneName}` });
  }

  /** Adds a tick item to the lane's checklist, required to leave the lane unless `required` is false. */
  async addCheckItem(laneName: string, label: string, required = true): Promise<void> {
    const editor = this.checklist(laneName);
    await editor.getByRole('button', { name: `+ Add item to ${laneName}` }).click();
    const form = editor.getByRole('form', { name: 'New checklist item' });
    await form.getByLabel('Label', { exact: true }).fill(label);
    await form.getByLabel('Kind', { exact: true }).selectOption('check');
    await form.getByLabel('Required before a card may leave the lane').setChecked(required);
    await form.getByRole('button', { name: 'Add item' }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** The lane's active items, in order. */
  items(laneName: string): Locator {
    return this.checklist(laneName)
      .getByRole('list', { name: `Items of ${laneName}, in order` })
      .getByRole('listitem');
  }
}
