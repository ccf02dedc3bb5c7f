import { getCard, newCard } from '../support/api.js';
import { journey } from '../support/journey.js';

const INTAKE_REQUIRED = [
  'Sales information reviewed',
  'Supervisor assigned',
  'Delivery model',
  'Budgeted hours per week',
  'Supplies included',
  'Contract start date',
  'Labour confirmation deadline',
];

journey(
  'operations drags a card on with its checklist incomplete: refused, the missing items filled in the panel, then moved',
  async (j) => {
    const { customer, card } = await newCard('Harbour Dental');
    const ops = await j.open('ops');
    const cx = await j.open('cx');
    await ops.board.expectCardIn(card.id, 'intake');
    await cx.board.expectCardIn(card.id, 'intake');

    await ops.board.dragCard(card.id, 'customer_experience');
    await ops.missing.waitOpen();
    await j.step('refused');
    await expect(ops.missing.title().textContent()).resolves.toBe(`${customer} can't move to Customer Experience yet`);
    expect(await ops.missing.missingLabels()).toEqual(INTAKE_REQUIRED);
    // The optional item is not asked for.
    expect(await ops.missing.missingLabels()).not.toContain('Supply order deadline');
    // Refused: the card went back to where it was, on both boards, and on the server.
    await ops.board.expectCardIn(card.id, 'intake');
    expect((await getCard(card.id)).laneKey).toBe('intake');
    expect(await cx.board.laneOf(card.id)).toBe('intake');

    await ops.missing.fill('Sales information reviewed', true);
    await ops.missing.fill('Supervisor assigned', 'Sofia Supervisor');
    await ops.missing.fill('Delivery model', 'in-house');
    await ops.missing.fill('Budgeted hours per week', 32);
    await ops.missing.fill('Supplies included', 'yes');
    await ops.missing.fill('Contract start date', '2026-12-01');
    expect(await ops.missing.missingLabels()).toEqual(['Labour confirmation deadline']);
    await ops.missing.fill('Labour confirmation deadline', '2026-11-20');

    // The last item filled, the move is tried again by itself and goes through.
    await ops.missing.waitClosed();
    await ops.board.toast(`${customer} moved to Customer Experience`).waitFor();
    await ops.board.expectCardIn(card.id, 'customer_experience');
    // The second browser sees it move, without a reload.
    await cx.board.expectCardIn(card.id, 'customer_experience');
    await j.step('moved');

    const after = await getCard(card.id);
    expect(after.laneKey).toBe('customer_experience');
    const intake = after.checklists.find((c) => c.laneKey === 'intake')!;
    const value = (label: string) => intake.items.find((i) => i.label === label)?.value;
    expect(value('Delivery model')).toBe('in-house');
    expect(value('Budgeted hours per week')).toBe(32);
    expect(value('Labour confirmation deadline')).toBe('2026-11-20');
    expect(intake.items.find((i) => i.label === 'Supervisor assigned')?.completedBy).toMatchObject({ name: 'Olive Ops' });
  },
);
