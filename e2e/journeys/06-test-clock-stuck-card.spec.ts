import { advanceClock, newCard, notificationsOf, stuckCards, stuckScan } from '../support/api.js';
import { journey } from '../support/journey.js';

// The test clock only moves forward and the database is shared by every journey: this one creates its
// own card, looks only at that card, and runs late (files run in name order).
journey(
  'two days pass on the test clock: the card turns red on every open board, operations is nudged, and the manager sees it stuck',
  async (j) => {
    const { customer, card } = await newCard('Riverside Bakery');
    const [ops, sales, manager] = await Promise.all([j.open('ops'), j.open('sales'), j.open('manager')]);
    for (const a of [ops, sales, manager]) await a.board.expectHealth(card.id, 'ok');

    await advanceClock(2 * 24 * 60);
    // The scheduler is off in the journeys (RELAY_STUCK_SCAN_SECONDS=0): run the scan now, as it would run every minute.
    const scan = await stuckScan();
    expect(scan.nudged).toBeGreaterThanOrEqual(1);

    // Red on every open board, with the time over the limit in words, pushed live.
    for (const a of [ops, sales, manager]) {
      await a.board.expectHealth(card.id, 'stuck');
      await a.board
        .card(card.id)
        .getByText(/^Stuck .+ over$/)
        .waitFor();
    }
    await j.step('stuck on every board');

    // The owning department's bell: Operations Intake belongs to operations.
    await ops.bell.waitUnread();
    await ops.bell.open();
    await ops.bell
      .about(card.id)
      .filter({ hasText: `${customer} is stuck in Operations Intake` })
      .waitFor();
    expect((await notificationsOf('ops')).items.some((n) => n.cardId === card.id && n.kind === 'stuck')).toBe(true);
    // Sales does not own the lane and is not nudged.
    expect((await notificationsOf('sales')).items.some((n) => n.cardId === card.id && n.kind === 'stuck')).toBe(false);

    // The senior manager's stuck list shows it (other journeys' cards may be stuck too: look for this one).
    await manager.board.showManagerView();
    await manager.manager.waitReady();
    await manager.manager.stuckRow(customer).waitFor();
    await manager.manager.stuckRow(customer).getByText('Operations Intake').waitFor();
    await j.step('manager stuck list');
    expect((await stuckCards()).map((c) => c.id)).toContain(card.id);

    // And the "stuck only" filter keeps it on the manager's board.
    await manager.board.showBoard();
    await manager.page.getByRole('button', { name: 'Stuck only' }).click();
    await manager.board.expectCardIn(card.id, 'intake');
  },
);
