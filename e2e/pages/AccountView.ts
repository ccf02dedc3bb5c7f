import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** "My account": who is signed in, and the form that changes their password. */
export class AccountView {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'My account' }).click();
    await this.page.getByRole('heading', { name: 'My account' }).waitFor();
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Change password' });
  }

  /** The hint under the new password: the rule, or why what is typed breaks it. */
  get rule(): Locator {
    return this.form.locator('[data-field="password"] [aria-live]');
  }

  async typeNew(password: string): Promise<void> {
    await this.form.getByLabel('New password', { exact: true }).fill(password);
  }

  async change(current: string, password: string, repeat = password): Promise<void> {
    await this.form.getByLabel('Current password').fill(current);
    await this.typeNew(password);
    await this.form.getByLabel('Repeat the new password').fill(repeat);
    await this.form.getByRole('button', { name: 'Change password' }).click();
  }

  get done(): Locator {
    return this.form.getByRole('status');
  }

  /** axe-core's violations on the page as it is now: `id: help (targets)` lines. */
  async accessibilityViolations(): Promise<string[]> {
    // Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts.
    await this.page.evaluate(axeSource);
    const violations = await this.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(ctx: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> };
        }
      ).axe;
      return (await axe.run(document)).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    });
    return violations;
  }
}
