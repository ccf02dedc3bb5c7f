import { createCard, uniqueCustomer } from '../support/api.js';
import { journey } from '../support/journey.js';

journey(
  'a senior manager turns on Compact: all eight lanes fit 1440 px without scrolling sideways, remembered for them only',
  async (j) => {
    await createCard(uniqueCustomer('Compact Cafe'));
    const manager = await j.open('manager');
    const page = manager.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    const compact = page.getByRole('button', { name: 'Compact', exact: true });
    await compact.click();
    await page.locator('.board-compact').waitFor();
    expect(await compact.getAttribute('aria-pressed')).toBe('true');

    const fits = async () =>
      page.evaluate(() => {
        const board = document.querySelector<HTMLElement>('.board')!;
        const lanes = Array.from(document.querySelectorAll<HTMLElement>('[data-lane-key]'));
        return {
          lanes: lanes.length,
          allOnScreen: lanes.every((l) => l.getBoundingClientRect().right <= window.innerWidth),
          boardScrolls: board.scrollWidth > board.clientWidth,
          pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        };
      });
    expect(await fits()).toEqual({ lanes: 8, allOnScreen: true, boardScrolls: false, pageScrolls: false });
    // Done is a narrow column with its count, opened on demand.
    const done = manager.board.lane('done');
    expect(await done.getAttribute('data-collapsed')).toBe('true');
    await done.getByRole('button', { name: /^Done, \d+ cards?: show$/ }).click();
    await manager.board.lane('done').getByRole('button', { name: 'Collapse Done' }).waitFor();
    await j.step('compact at 1440');

    // Remembered for this person after a reload…
    await page.reload();
    await manager.board.waitReady();
    await page.locator('.board-compact').waitFor();
    // …and not for someone else.
    const ops = await j.open('ops');
    await ops.board.waitReady();
    expect(await ops.page.locator('.board-compact').count()).toBe(0);
    expect(await ops.page.getByRole('button', { name: 'Compact', exact: true }).getAttribute('aria-pressed')).toBe('false');
  },
);
