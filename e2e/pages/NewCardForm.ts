import type { Locator, Page } from 'playwright-core';
import type { SalesForm } from '@relay/shared';

type Field = keyof SalesForm;

const LABELS: Record<Exclude<Field, 'services'>, string> = {
  customerName: 'Customer name',
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  contactPhone: 'Contact phone',
  serviceAddress: 'Service address',
  contractStartDate: 'Contract start date',
  contractValue: 'Contract value',
  specialConditions: 'Special conditions',
  notes: 'Notes',
};

/** The sales rep's new-onboarding form, in its dialog. */
export class NewCardForm {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'New onboarding' });
  }

  async waitOpen(): Promise<void> {
    await this.root.getByRole('form', { name: 'New onboarding' }).waitFor();
  }

  input(field: Exclude<Field, 'services'>): Locator {
    return this.root.getByLabel(LABELS[field], { exact: false }).first();
  }

  /** Types the given fields; services are added one by one, each with Enter. */
  async fill(form: Partial<SalesForm>): Promise<void> {
    for (const [field, value] of Object.entries(form) as [Field, unknown][]) {
      if (value === undefined || value === null) continue;
      if (field === 'services') {
        for (const service of value as string[]) {
          await this.root.getByLabel('Services', { exact: true }).fill(service);
          await this.root.getByLabel('Services', { exact: true }).press('Enter');
          await this.root.getByRole('list', { name: 'Services added' }).getByRole('listitem').filter({ hasText: service }).waitFor();
        }
      } else {
        await this.input(field).fill(String(value));
      }
    }
  }

  async submit(): Promise<void> {
    await this.root.getByRole('button', { name: 'Create onboarding' }).click();
  }

  /** The error shown beside a field (its alert inside the field's box). */
  fieldError(field: Field): Locator {
    return this.root.locator(`[data-field="${field}"]`).getByRole('alert');
  }

  /** The summary above the buttons ("Some fields need attention."). */
  formError(): Locator {
    return this.root.locator('.form-error');
  }

  async cancel(): Promise<void> {
    await this.root.getByRole('button', { name: 'Cancel' }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}
