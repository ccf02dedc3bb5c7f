import { lanes, team } from '../support/api.js';
import { journey } from '../support/journey.js';

/** The lane's active items by label, in checklist order, as the server holds them. */
async function order(laneKey: string): Promise<{ laneId: string; ids: string[]; labels: string[] }> {
  const lane = (await lanes()).find((l) => l.key === laneKey)!;
  const items = lane.checklist.filter((i) => !i.retired).sort((a, b) => a.position - b.position);
  return { laneId: lane.id, ids: items.map((i) => i.id), labels: items.map((i) => i.label) };
}

journey('the admin moves a checklist item down with the keyboard (handle, arrow down, space): the list and the server agree', async (j) => {
  const before = await order('accounting');
  expect(before.labels.length).toBeGreaterThan(2);
  const admin = await j.open('admin');
  try {
    await admin.admin.open();
    await admin.admin.chooseLane('Accounting');
    const [first, second] = before.labels as [string, string];
    const handle = admin.admin.checklist('Accounting').getByRole('button', { name: `Drag ${first} to reorder` });
    await handle.focus();
    await admin.page.keyboard.press('Space');
    // Picked up (the row shows it), and dnd-kit's keyboard listener is attached (a timer queued on pick-up).
    await admin.page.locator('.item-row.is-dragging').waitFor();
    await admin.page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    await admin.page.keyboard.press('ArrowDown');
    // dnd-kit's screen-reader announcement says where it is now.
    await admin.page.getByText(`${first} is over position 2 of ${before.labels.length}.`).waitFor();
    const saved = admin.page.waitForResponse((r) => r.url().endsWith('/checklist/order') && r.request().method() === 'PUT');
    await admin.page.keyboard.press('Space');
    expect((await saved).status()).toBe(200);
    await admin.admin
      .checklist('Accounting')
      .getByRole('status')
      .filter({ hasText: `${first} is now at position 2 of ${before.labels.length}.` })
      .waitFor();
    await j.step('moved down by keyboard');
    await expect(admin.admin.items('Accounting').nth(0).textContent()).resolves.toContain(second);
    await expect(admin.admin.items('Accounting').nth(1).textContent()).resolves.toContain(first);
    expect((await order('accounting')).labels).toEqual([second, first, ...before.labels.slice(2)]);
  } finally {
    expect((await team().as('admin').put(`/api/lanes/${before.laneId}/checklist/order`, { ids: before.ids })).status).toBe(200);
  }
});
