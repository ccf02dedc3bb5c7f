import type { Locator, Page } from 'playwright-core';
import { WAIT_MS } from '../support/env.js';

export type Health = 'ok' | 'at_risk' | 'stuck';

/** The board: lanes (`data-lane-key`) holding cards (`data-card-id`), moved by mouse or keyboard. */
export class BoardPage {
  constructor(readonly page: Page) {}

  /** Waits for the lanes and for the live connection, so nothing pushed from now on is missed. */
  async waitReady(): Promise<void> {
    await this.page.locator('[data-lane-key]').first().waitFor();
    await this.page.locator('[data-connection="live"]').waitFor();
  }

  lane(key: string): Locator {
    return this.page.locator(`[data-lane-key="${key}"]`);
  }

  /** The card's tile on the board (not its drag overlay, nor its row in the bell). */
  card(id: string): Locator {
    return this.page.locator(`[data-lane-key] [data-card-id="${id}"]`);
  }

  cardIn(id: string, laneKey: string): Locator {
    return this.lane(laneKey).locator(`[data-card-id="${id}"]`);
  }

  async expectCardIn(id: string, laneKey: string, timeout = WAIT_MS): Promise<void> {
    await this.cardIn(id, laneKey).waitFor({ timeout });
  }

  /** The lane the card's tile stands in now, or null when it is not on the board. */
  async laneOf(id: string): Promise<string | null> {
    const tile = this.card(id);
    if ((await tile.count()) === 0) return null;
    return tile.evaluate((el) => el.closest<HTMLElement>('[data-lane-key]')?.dataset.laneKey ?? null);
  }

  async expectHealth(id: string, health: Health, timeout = WAIT_MS): Promise<void> {
    await this.page.locator(`[data-lane-key] [data-card-id="${id}"][data-health="${health}"]`).waitFor({ timeout });
  }

  /**
   * Drags the card onto another lane with the mouse: press, move past the sensor's activation
   * distance, glide over to the lane in steps, wait until the lane shows it is the drop target, release.
   * `release: false` stops before letting go (for two people dropping at the same moment).
   */
  async dragCard(id: string, toLane: string, opts: { release?: boolean } = {}): Promise<void> {
    const tile = this.card(id);
    const target = this.lane(toLane);
    await tile.scrollIntoViewIfNeeded();
    const from = await tile.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error(`card ${id} or lane ${toLane} is not on screen`);
    const x = from.x + from.width / 2;
    const y = from.y + from.height / 2;
    const mouse = this.page.mouse;
    await mouse.move(x, y);
    await mouse.down();
    await mouse.move(x + 12, y + 4, { steps: 3 });
    // Same height in the neighbouring lane: the dragged card's corners are then closest to that lane's.
    await mouse.move(to.x + to.width / 2, y, { steps: 12 });
    await this.dropTarget(toLane).waitFor();
    if (opts.release !== false) await mouse.up();
  }

  /** The lane while a dragged card is over it (the drop would land there). */
  dropTarget(key: string): Locator {
    return this.page.locator(`[data-lane-key="${key}"].is-over`);
  }

  /**
   * Space on the focused card picks it up. Waits until the lanes show how they would take it, and until
   * dnd-kit's keyboard sensor listens for the arrows (it starts listening in a timer of its own, queued
   * when the card was picked up: a timer queued now runs after it).
   */
  async pickUpWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Space');
    await this.page.locator('[data-lane-key] .lane-hint').first().waitFor();
    await this.page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }

  /** Presses Tab until `target` has the focus, as a keyboard user reaches it (fails after `max` presses). */
  async tabTo(target: Locator, max = 100): Promise<void> {
    await target.waitFor();
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`${String(target)} was not reached within ${max} presses of Tab`);
  }

  /** What dnd-kit told screen readers last (its live region). */
  announcement(text: string | RegExp): Locator {
    return this.page.locator('[role="status"][aria-live="assertive"]').filter({ hasText: text });
  }

  async openCard(id: string): Promise<void> {
    await this.card(id).click();
  }

  /** A message in the toasts (success, or error when `error` is set). */
  toast(text: string | RegExp, error = false): Locator {
    return this.page
      .locator('.toasts')
      .getByRole(error ? 'alert' : 'status')
      .filter({ hasText: text });
  }

  async startNewOnboarding(): Promise<void> {
    await this.page.getByRole('button', { name: 'New onboarding' }).click();
  }

  async showManagerView(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Manager' }).click();
  }

  async showBoard(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).click();
  }
}
