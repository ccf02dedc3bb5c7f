import type { Page } from 'playwright-core';
import { relayUrl } from '../support/env.js';

/** The sign-in form every person meets first. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(relayUrl());
    await this.page.getByRole('heading', { name: 'Sign in to the onboarding board' }).waitFor();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
