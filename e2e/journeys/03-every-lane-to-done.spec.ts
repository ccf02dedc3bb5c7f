import type { UiValue } from '../pages/checklist-value.js';
import { answerAsCustomer, cardEvents, getCard, lanes, newCard, shareCard } from '../support/api.js';
import { journey, type Actor } from '../support/journey.js';

type Values = [label: string, value: UiValue][];

/** The default pipeline, lane by lane: who works it and what they enter for its required items. */
const LANES: { key: string; name: string; values: Values }[] = [
  {
    key: 'intake',
    name: 'Operations Intake',
    values: [
      ['Sales information reviewed', true],
      ['Supervisor assigned', 'Sofia Supervisor'],
      ['Delivery model', 'subcontracted'],
      ['Budgeted hours per week', 40],
      ['Supplies included', 'no'],
      ['Contract start date', '2026-12-01'],
      ['Labour confirmation deadline', '2026-11-24'],
    ],
  },
  {
    key: 'customer_experience',
    name: 'Customer Experience',
    values: [
      ['Welcome email sent', true],
      ['Welcome packet sent', '2026-11-25'],
      ['Kick-off meeting date', '2026-11-27'],
    ],
  },
  {
    key: 'accounting',
    name: 'Accounting',
    values: [
      ['Customer account reference in the accounting system', 'ACC-20931'],
      ['Billing contact and terms confirmed', true],
      ['Budgeted hours and rates loaded', true],
    ],
  },
  {
    key: 'operational_setup',
    name: 'Operational Setup',
    values: [
      ['Sales, accounting and CX information reviewed', true],
      ['Service documents', { file: 'service-documents.txt' }],
      ['Employee schedule', { file: 'employee-schedule.txt' }],
      ['Inspection schedule and templates ready', true],
      ['First-month account plan', { file: 'account-plan.txt' }],
      ['Equipment and supply requisitions', 'REQ-118, REQ-119'],
    ],
  },
  {
    key: 'hr',
    name: 'HR',
    values: [
      ['Employees needed', 6],
      ['Employees hired or assigned', 'Six cleaners from the night pool'],
      ['Employee paperwork complete', true],
    ],
  },
  {
    key: 'go_live',
    name: 'Go-Live',
    values: [
      ['Go-live meeting with senior operations manager held', '2026-11-30'],
      ['Pre-deployment walkthrough done', true],
      ['Service start date confirmed', '2026-12-01'],
      ['Completed training checklists', { file: 'training.txt' }],
    ],
  },
  {
    key: 'first_week_audit',
    name: 'First-Week Audit',
    values: [
      ['Audit date', '2026-12-08'],
      ['Employee training verified', true],
      ['Account readiness', 'ready'],
    ],
  },
];

const laneName = (key: string) => LANES.find((l) => l.key === key)?.name ?? 'Done';

/** Opens the card, fills the lane's items, closes it and drags the card to the next lane. */
async function workLane(actor: Actor, cardId: string, title: string, values: Values, next: string): Promise<void> {
  const drawer = await actor.openCard(cardId, title);
  await drawer.fillAll(values);
  await drawer.close();
  await actor.board.dragCard(cardId, next);
  await actor.board.toast(`${title} moved to ${laneName(next)}`).waitFor();
  await actor.board.expectCardIn(cardId, next);
}

journey(
  'a card travels every lane to Done, each lane worked by its own people, and the finished card shows its go-live date and history',
  async (j) => {
    const { customer, card } = await newCard('Northwind Clinics');
    const [ops, cx, accounting, supervisor, hr, manager] = await Promise.all(
      (['ops', 'cx', 'accounting', 'supervisor', 'hr', 'manager'] as const).map((p) => j.open(p)),
    );
    await j.step('everyone signed in');
    const workers: Record<string, Actor> = {
      intake: ops,
      customer_experience: cx,
      accounting,
      operational_setup: supervisor,
      hr,
      go_live: supervisor,
      first_week_audit: supervisor,
    };

    for (const [i, lane] of LANES.entries()) {
      const next = LANES[i + 1]?.key ?? 'done';
      const worker = workers[lane.key]!;
      await worker.board.expectCardIn(card.id, lane.key);

      if (lane.key === 'operational_setup') {
        // A supervisor's lane: operations staff see the card but cannot drag it out, nor tick its items.
        await expect(ops.board.card(card.id).getAttribute('aria-roledescription')).resolves.toBe('card');
        await expect(supervisor.board.card(card.id).getAttribute('aria-roledescription')).resolves.toBe('draggable card');
      }

      if (lane.key === 'go_live') {
        const drawer = await supervisor.openCard(card.id, customer);
        await drawer.fillAll(lane.values);
        // Go-live approval is the senior manager's alone: the supervisor sees it but has no control for it.
        await drawer.readOnlyItem('Go-live approved').waitFor();
        await drawer.close();
        await supervisor.board.dragCard(card.id, next);
        await supervisor.missing.waitOpen();
        expect(await supervisor.missing.missingLabels()).toEqual(['Go-live approved', 'Customer accepts the service']);
        await supervisor.missing
          .rows()
          .getByRole('button', { name: /^Remind (.* and )?the senior operations managers about Go-live approved$/ })
          .waitFor();
        await supervisor.missing.close();
        await supervisor.board.expectCardIn(card.id, 'go_live');

        const approval = await manager.openCard(card.id, customer);
        await approval.fill('Go-live approved', true);
        await approval.close();
        // The customer accepts the service in writing, through their tracker link.
        const link = await shareCard('supervisor', card.id);
        const signoff = (await lanes()).find((l) => l.key === 'go_live')!.checklist.find((i) => i.kind === 'signoff')!;
        await answerAsCustomer(link.url, signoff.id, { name: 'Nora Northwind', accepted: true });
        await supervisor.board.dragCard(card.id, next);
        await supervisor.board.toast(`${customer} moved to ${laneName(next)}`).waitFor();
        await supervisor.board.expectCardIn(card.id, next);
        await j.step(`moved to ${next}`);
        continue;
      }

      await workLane(worker, card.id, customer, lane.values, next);
      await j.step(`moved to ${next}`);
    }

    // Everyone sees it finished.
    await ops.board.expectCardIn(card.id, 'done');
    await manager.board.expectCardIn(card.id, 'done');
    const finished = await getCard(card.id);
    expect(finished.laneKey).toBe('done');
    expect(finished.goLiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const drawer = await manager.openCard(card.id, customer);
    await drawer.goLiveDate().waitFor();
    await expect(drawer.goLiveDate().getAttribute('data-go-live-date')).resolves.toBe(finished.goLiveDate);
    await j.step('done');

    // The full history: created, seven moves in order, and every value entered on the way.
    const events = await cardEvents(card.id);
    const moves = events.filter((e) => e.type === 'moved').map((e) => e.data.to);
    expect(moves).toEqual([...LANES.slice(1).map((l) => l.key), 'done']);
    const completed = new Set(events.filter((e) => e.type === 'checklist_set').map((e) => e.data.label));
    expect([...completed].sort()).toEqual(
      [...LANES.flatMap((l) => l.values.map(([label]) => label)), 'Go-live approved', 'Customer accepts the service'].sort(),
    );
    await drawer
      .history()
      .nth(events.length - 1)
      .waitFor();
    expect(await drawer.history().count()).toBe(events.length);
    await drawer.historyEntry('created the onboarding').waitFor();
    for (const [i, lane] of LANES.entries()) {
      await drawer.historyEntry(`moved it from ${lane.name} to ${laneName(LANES[i + 1]?.key ?? 'done')}`).waitFor();
    }
    await drawer.historyEntry(/Max Manager\s*completed Go-live approved/).waitFor();
    await drawer.historyEntry('set Customer account reference in the accounting system to ACC-20931').waitFor();
  },
  120_000,
);
