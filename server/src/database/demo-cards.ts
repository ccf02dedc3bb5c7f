import { type ChecklistTemplateItem, type ItemValue, satisfiesGate } from '@relay/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ComposedStatement } from '../common/sql.js';
import { CardHistoryRepository, type NewCardEvent } from '../modules/changes/card-history.repository.js';
import { T } from './schema/index.js';

const { cards: C, pipelines: P, lanes: L, checklistItems: I, users: U, checklistValues: V } = T;

interface DemoCard {
  customer: string;
  contact: string;
  lane: string;
  /** Hours since the card entered its lane. */
  hoursInLane: number;
  /** How many of the current lane's required items are already done. */
  done: number;
  services: string[];
  risk?: { flag: 'amber' | 'red'; reason: string };
}

/** A believable board for a first look: cards in every lane, some at risk, some stuck. */
const DEMO_CARDS: DemoCard[] = [
  {
    customer: 'Gatekeeper Foods',
    contact: 'Grace Keeper',
    lane: 'intake',
    hoursInLane: 3,
    done: 2,
    services: ['Janitorial', 'Day porter'],
  },
  {
    customer: 'Harbour View Clinic',
    contact: 'Dr. Ines Moreau',
    lane: 'intake',
    hoursInLane: 30,
    done: 5,
    services: ['Medical-grade cleaning'],
    risk: { flag: 'amber', reason: 'Waiting for the signed scope of work' },
  },
  {
    customer: 'Northwind Logistics',
    contact: 'Omar Haddad',
    lane: 'customer_experience',
    hoursInLane: 20,
    done: 1,
    services: ['Warehouse cleaning', 'Floor care'],
  },
  {
    customer: 'Bluebird Schools',
    contact: 'Priya Natarajan',
    lane: 'customer_experience',
    hoursInLane: 40,
    done: 2,
    services: ['Janitorial'],
  },
  {
    customer: 'Cedar & Pine Offices',
    contact: 'Lena Fischer',
    lane: 'accounting',
    hoursInLane: 12,
    done: 1,
    services: ['Janitorial', 'Window cleaning'],
  },
  {
    customer: 'Summit Fitness',
    contact: 'Jake Turner',
    lane: 'accounting',
    hoursInLane: 100,
    done: 0,
    services: ['Locker room sanitation'],
    risk: { flag: 'red', reason: 'Billing contact unreachable for a week' },
  },
  {
    customer: 'Riverside Apartments',
    contact: 'Maria Gomez',
    lane: 'operational_setup',
    hoursInLane: 50,
    done: 3,
    services: ['Common areas', 'Trash valet'],
  },
  {
    customer: 'Atlas Engineering',
    contact: 'Chen Wei',
    lane: 'hr',
    hoursInLane: 70,
    done: 1,
    services: ['Janitorial', 'Day porter', 'Carpet care'],
  },
  { customer: 'Golden Gate Bakery', contact: 'Rosa Alvarez', lane: 'go_live', hoursInLane: 20, done: 3, services: ['Kitchen deep clean'] },
  { customer: 'Maple Street Library', contact: 'Tom Becker', lane: 'first_week_audit', hoursInLane: 48, done: 1, services: ['Janitorial'] },
  {
    customer: 'Lakeside Hotel',
    contact: 'Sofia Rossi',
    lane: 'done',
    hoursInLane: 200,
    done: 0,
    services: ['Housekeeping support', 'Lobby care'],
  },
];

function demoValue(item: ChecklistTemplateItem, supervisorId: string): ItemValue | null {
  switch (item.kind) {
    case 'check':
      return true;
    case 'text':
      return 'REF-' + item.label.length * 97;
    case 'number':
      return 32;
    case 'date':
      return '2026-12-01';
    case 'choice':
      return item.rules?.mustBe ?? item.options?.[0] ?? null;
    case 'user':
      return supervisorId;
    case 'file':
      return null; // a demo has no real files to attach
    case 'signoff':
      return { name: 'The customer contact', accepted: true };
  }
}

/** Seeds sample onboardings into an empty board, each with the history that explains it. */
export async function seedDemoCards(ds: DataSource): Promise<number> {
  return ds.transaction(async (m) => {
    const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM ${C.table}`);
    if (count > 0) return 0;
    const [pipeline] = await m.query(`SELECT ${P.c.id} FROM ${P.table} ORDER BY ${P.c.createdAt} LIMIT 1`);
    const lanes: { id: string; key: string; name: string; checklist: ChecklistTemplateItem[] }[] = await m.query(
      `SELECT l.${L.c.id}, l.${L.c.key}, l.${L.c.name}, COALESCE((SELECT json_agg(json_build_object('id', i.${I.c.id}, 'kind', i.${I.c.kind}, 'label', i.${I.c.label}, 'required', i.${I.c.required},
         'options', i.${I.c.options}, 'rules', i.${I.c.rules}) ORDER BY i.${I.c.position}) FROM ${I.table} i WHERE i.${I.c.laneId} = l.${L.c.id} AND i.${I.c.retiredAt} IS NULL), '[]') AS checklist
         FROM ${L.table} l WHERE l.${L.c.pipelineId} = $1 ORDER BY l.${L.c.position}`,
      [pipeline.id],
    );
    const people: Record<string, string> = Object.fromEntries(
      (await m.query(`SELECT split_part(${U.c.email}, '@', 1) AS handle, ${U.c.id} FROM ${U.table}`)).map(
        (r: { handle: string; id: string }) => [r.handle, r.id],
      ),
    );
    for (const [i, demo] of DEMO_CARDS.entries()) await insertDemoCard(m, pipeline.id, lanes, people, demo, i);
    return DEMO_CARDS.length;
  });
}

async function insertDemoCard(
  m: EntityManager,
  pipelineId: string,
  lanes: { id: string; key: string; name: string; checklist: ChecklistTemplateItem[] }[],
  people: Record<string, string>,
  demo: DemoCard,
  index: number,
): Promise<void> {
  const laneIndex = lanes.findIndex((l) => l.key === demo.lane);
  const entered = new Date(Date.now() - demo.hoursInLane * 3_600_000);
  const created = new Date(entered.getTime() - laneIndex * 30 * 3_600_000 - 3_600_000);
  const done = demo.lane === 'done';
  const [{ id }] = await m.query(
    `INSERT INTO ${C.table} (${C.c.pipelineId}, ${C.c.laneId}, ${C.c.position}, ${C.c.customerName}, ${C.c.contactName}, ${C.c.contactEmail}, ${C.c.contactPhone}, ${C.c.serviceAddress}, ${C.c.contractStartDate},
       ${C.c.contractValue}, ${C.c.services}, ${C.c.createdBy}, ${C.c.createdAt}, ${C.c.updatedAt}, ${C.c.enteredLaneAt}, ${C.c.laneVisit}, ${C.c.assigneeId}, ${C.c.riskFlag}, ${C.c.riskReason}, ${C.c.doneAt}, ${C.c.goLiveDate}, ${C.c.version})
     VALUES ($1, $2, $3, $4, $5, $6, $19, $7, '2026-12-01', $8, $9, $10, $11, $12, $12, $13, $14, $15, $16, $17, $18, $13 * 3)
     RETURNING ${C.c.id}`,
    [
      pipelineId,
      lanes[laneIndex].id,
      (index + 1) * 1024,
      demo.customer,
      demo.contact,
      `${demo.contact.split(' ').at(-1)!.toLowerCase()}@${demo.customer.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      `${100 + index * 7} Market Street`,
      24000 + index * 3500,
      JSON.stringify(demo.services),
      people.sales,
      created,
      entered,
      laneIndex + 1,
      laneIndex >= 3 ? people.supervisor : null,
      demo.risk?.flag ?? 'green',
      demo.risk?.reason ?? null,
      done ? entered : null,
      done ? entered.toISOString().slice(0, 10) : null,
      `+1 555 01${String(index).padStart(2, '0')}`,
    ],
  );
  const history: NewCardEvent[] = [
    { cardId: id, type: 'created', actorId: people.sales, at: created, data: { lane: 'intake', demo: true } },
  ];
  for (let l = 0; l <= laneIndex && l < lanes.length - 1; l++) {
    const items = lanes[l].checklist.filter((i) => i.required);
    const upTo = l < laneIndex ? items.length : demo.done;
    for (const item of items.slice(0, upTo)) {
      const value = demoValue(item, people.supervisor);
      if (value === null) continue;
      await m.query(
        `INSERT INTO ${V.table} (${V.c.cardId}, ${V.c.itemId}, ${V.c.value}, ${V.c.satisfied}, ${V.c.completedBy}, ${V.c.completedAt}) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, item.id, JSON.stringify(value), satisfiesGate(item, value), people.supervisor, entered],
      );
    }
    if (l < laneIndex) {
      history.push({
        cardId: id,
        type: 'moved',
        actorId: people.supervisor,
        at: entered,
        data: { from: lanes[l].key, to: lanes[l + 1].key, fromName: lanes[l].name, toName: lanes[l + 1].name, reason: null, demo: true },
      });
    }
  }
  const s = new ComposedStatement();
  new CardHistoryRepository(m.connection).insert(s, history, null);
  await s.run(m, {});
}
