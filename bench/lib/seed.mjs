/**
 * Seeds a board at scale directly in SQL (the server has already migrated the schema and seeded the
 * default pipeline and demo people). Values follow the schema of server/src/database/migrations.
 */
import { randomUUID } from 'node:crypto';

const WORK_DEPARTMENTS = ['operations', 'customer_experience', 'accounting', 'hr'];
const COMPANY_WORDS = [
  'Gatekeeper',
  'Harbour',
  'Northwind',
  'Bluebird',
  'Cedar',
  'Summit',
  'Riverside',
  'Atlas',
  'Golden',
  'Maple',
  'Lakeside',
  'Orchard',
];
const COMPANY_KINDS = [
  'Foods',
  'Clinic',
  'Logistics',
  'Schools',
  'Offices',
  'Fitness',
  'Apartments',
  'Engineering',
  'Bakery',
  'Library',
  'Hotel',
];
const SERVICES = [
  ['Janitorial'],
  ['Janitorial', 'Day porter'],
  ['Warehouse cleaning', 'Floor care'],
  ['Medical-grade cleaning'],
  ['Kitchen deep clean'],
];

/** A small deterministic PRNG so every run seeds the same board. */
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lanes in order with their checklist items, as the server stores them. */
export async function loadPipeline(db) {
  const [pipeline] = (await db.query('SELECT id FROM pipelines ORDER BY created_at, id LIMIT 1')).rows;
  const lanes = (
    await db.query(
      `SELECT l.id, l.key, l.position, l.department_key AS department, l.time_limit_hours::float AS "limitHours", l.terminal,
              COALESCE((SELECT json_agg(json_build_object('id', i.id, 'kind', i.kind, 'required', i.required, 'options', i.options,
                 'rules', i.rules) ORDER BY i.position) FROM checklist_items i WHERE i.lane_id = l.id AND i.retired_at IS NULL), '[]') AS items
         FROM lanes l WHERE l.pipeline_id = $1 ORDER BY l.position`,
      [pipeline.id],
    )
  ).rows;
  const people = Object.fromEntries(
    (await db.query(`SELECT split_part(email, '@', 1) AS handle, id FROM users`)).rows.map((r) => [r.handle, r.id]),
  );
  return { pipelineId: pipeline.id, lanes, people };
}

/** A value that passes the gate for an item (file items point at an attachment id; the gate checks presence only). */
function valueFor(item, supervisorId) {
  switch (item.kind) {
    case 'check':
      return true;
    case 'text':
      return 'REF-4711';
    case 'number':
      return 32;
    case 'date':
      return '2026-12-01';
    case 'choice':
      return item.rules?.mustBe ?? item.options?.[0];
    case 'user':
      return supervisorId;
    case 'file':
      return randomUUID();
    case 'signoff':
      return { name: 'Bench Customer', accepted: true };
    default:
      return true;
  }
}

/** Creates `count` senior managers (may move any lane), spread over the four working departments, with the demo password. */
export async function seedUsers(db, count, prefix = 'bench') {
  const [{ password_hash: hash }] = (await db.query(`SELECT password_hash FROM users WHERE email = 'manager@relay.test'`)).rows;
  const users = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}${String(i).padStart(3, '0')}@relay.test`;
    const [{ id }] = (
      await db.query(`INSERT INTO users (name, email, role, password_hash) VALUES ($1, $2, 'manager', $3) RETURNING id`, [
        `Bench Manager ${i}`,
        email,
        hash,
      ])
    ).rows;
    const department = WORK_DEPARTMENTS[i % WORK_DEPARTMENTS.length];
    await db.query('INSERT INTO user_departments (user_id, department_key) VALUES ($1, $2)', [id, department]);
    users.push({ id, email, department });
  }
  return users;
}

async function insertChunks(db, rows, chunk, insert) {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}

/**
 * Seeds `count` cards. `movers` cards (the first ones) sit in lanes intake…go_live with every required
 * item of their lane satisfied, so a forward move always passes the gate (and go back with a reason).
 * Other cards are spread over all lanes; each card holds the values of the lanes it has passed and
 * some of its current lane's. `health` = fractions { atRisk, stuck } of the non-mover cards in timed lanes.
 */
export async function seedCards(
  db,
  p,
  { count, movers = 0, health = { atRisk: 0.1, stuck: 0.04 }, values = true, history = true, seed = 7 },
) {
  const rand = rng(seed);
  const now = Date.now();
  const moverLanes = p.lanes.filter((l) => !l.terminal && p.lanes[l.position + 1] && !p.lanes[l.position + 1].terminal);
  const supervisor = p.people.supervisor;
  const creator = p.people.sales;
  const nextPos = new Map(p.lanes.map((l) => [l.id, 0]));
  const cards = [];
  for (let i = 0; i < count; i++) {
    const mover = i < movers;
    const lane = mover ? moverLanes[i % moverLanes.length] : p.lanes[Math.floor(rand() * p.lanes.length)];
    let hours;
    const limit = lane.limitHours;
    let state = 'ok';
    if (limit === null) hours = rand() * 24 * 60;
    else if (mover) hours = rand() * limit * 0.5;
    else {
      const r = rand();
      if (r < health.stuck) {
        hours = limit * (1.05 + rand() * 2);
        state = 'stuck';
      } else if (r < health.stuck + health.atRisk) {
        hours = limit * (0.8 + rand() * 0.19);
        state = 'at_risk';
      } else hours = rand() * limit * 0.7;
    }
    const entered = new Date(now - hours * 3_600_000);
    const created = new Date(entered.getTime() - lane.position * 36 * 3_600_000 - 3_600_000);
    const position = (nextPos.get(lane.id) + 1) * 1024;
    nextPos.set(lane.id, nextPos.get(lane.id) + 1);
    const name = `${COMPANY_WORDS[i % COMPANY_WORDS.length]} ${COMPANY_KINDS[Math.floor(i / COMPANY_WORDS.length) % COMPANY_KINDS.length]} ${i}`;
    cards.push({
      id: randomUUID(),
      laneId: lane.id,
      laneKey: lane.key,
      lanePos: lane.position,
      position,
      name,
      contact: `Contact ${i}`,
      email: `contact${i}@customer${i}.example`,
      address: `${100 + (i % 900)} Market Street`,
      value: 20000 + (i % 97) * 500,
      services: JSON.stringify(SERVICES[i % SERVICES.length]),
      created,
      entered,
      visit: lane.position + 1,
      version: lane.position * 3 + 1,
      assignee: lane.position >= 3 ? supervisor : null,
      risk: i % 23 === 0 ? 'amber' : i % 61 === 0 ? 'red' : 'green',
      riskReason: i % 23 === 0 || i % 61 === 0 ? 'Waiting on the customer' : null,
      done: lane.terminal ? entered : null,
      state,
      level: 0,
      mover,
    });
  }
  await insertChunks(db, cards, 10_000, (chunk) =>
    db.query(
      `INSERT INTO cards (id, pipeline_id, lane_id, position, customer_name, contact_name, contact_email, service_address, contract_start_date,
         contract_value, services, created_by, created_at, updated_at, entered_lane_at, lane_visit, version, assignee_id, risk_flag, risk_reason,
         done_at, go_live_date, health_state, nudge_level)
       SELECT u.id, $1, u.lane_id, u.position, u.name, u.contact, u.email, u.address, '2026-12-01', u.value, u.services::jsonb, $2, u.created,
              u.entered, u.entered, u.visit, u.version, u.assignee, u.risk, u.risk_reason, u.done, u.done::date, 'ok', 0
         FROM unnest($3::uuid[], $4::uuid[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::text[], $10::numeric[], $11::text[],
                     $12::timestamptz[], $13::timestamptz[], $14::int[], $15::int[], $16::uuid[], $17::text[], $18::text[], $19::timestamptz[])
           AS u(id, lane_id, position, name, contact, email, address, value, services, created, entered, visit, version, assignee, risk, risk_reason, done)`,
      [
        p.pipelineId,
        creator,
        chunk.map((c) => c.id),
        chunk.map((c) => c.laneId),
        chunk.map((c) => c.position),
        chunk.map((c) => c.name),
        chunk.map((c) => c.contact),
        chunk.map((c) => c.email),
        chunk.map((c) => c.address),
        chunk.map((c) => c.value),
        chunk.map((c) => c.services),
        chunk.map((c) => c.created),
        chunk.map((c) => c.entered),
        chunk.map((c) => c.visit),
        chunk.map((c) => c.version),
        chunk.map((c) => c.assignee),
        chunk.map((c) => c.risk),
        chunk.map((c) => c.riskReason),
        chunk.map((c) => c.done),
      ],
    ),
  );

  if (values) {
    const rows = [];
    for (const c of cards) {
      for (const lane of p.lanes) {
        if (lane.position > c.lanePos) break;
        const items = lane.items.filter((it) => it.required || rand() < 0.5);
        // The current lane: every required item for movers, a part for the rest (never all, or every card could move on).
        const take = lane.position < c.lanePos || c.mover ? items : items.slice(0, Math.floor(rand() * Math.max(0, items.length - 1)));
        for (const it of take) rows.push([c.id, it.id, JSON.stringify(valueFor(it, supervisor)), c.created]);
      }
    }
    await insertChunks(db, rows, 20_000, (chunk) =>
      db.query(
        `INSERT INTO checklist_values (card_id, item_id, value, satisfied, completed_by, completed_at)
         SELECT u.card_id, u.item_id, u.value::jsonb, true, $1, u.at FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[]) AS u(card_id, item_id, value, at)`,
        [supervisor, chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2]), chunk.map((r) => r[3])],
      ),
    );
  }

  if (history) {
    // The history that explains each card: created, then one move per lane passed.
    await db.query(
      `INSERT INTO card_events (card_id, type, actor_id, at, data)
       SELECT c.id, 'created', c.created_by, c.created_at, jsonb_build_object('lane', 'intake') FROM cards c WHERE c.pipeline_id = $1`,
      [p.pipelineId],
    );
    await db.query(
      `INSERT INTO card_events (card_id, type, actor_id, at, data)
       SELECT c.id, 'moved', $2::uuid, c.created_at + g * interval '36 hours',
              jsonb_build_object('from', lf.key, 'to', lt.key, 'fromName', lf.name, 'toName', lt.name, 'reason', null, 'visit', g + 1)
         FROM cards c JOIN lanes l ON l.id = c.lane_id CROSS JOIN LATERAL generate_series(1, l.position) g
         JOIN lanes lf ON lf.pipeline_id = l.pipeline_id AND lf.position = g - 1
         JOIN lanes lt ON lt.pipeline_id = l.pipeline_id AND lt.position = g
        WHERE c.pipeline_id = $1`,
      [p.pipelineId, p.people.manager],
    );
  }
  // As a live database would be: vacuumed (visibility map, hint bits) and analysed.
  await db.query('VACUUM ANALYZE');
  return cards;
}

/** The movers' current lane and version, from the database (the truth, whatever a previous run left). */
export async function moverStates(db, ids) {
  const rows = (
    await db.query(
      `SELECT c.id, c.version, l.key AS "laneKey", l.position FROM cards c JOIN lanes l ON l.id = c.lane_id WHERE c.id = ANY($1::uuid[])`,
      [ids],
    )
  ).rows;
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Seeds `count` closed cards in SQL beside the board's: in the terminal lane, closed between 15 days and five
 * years ago (outside the board's default 14-day window), each with its history (created, one move per lane)
 * and notes, so that search, the list and the export work on what a company has after years of onboardings.
 */
export async function seedClosedCards(db, p, { count }) {
  const terminal = p.lanes.find((l) => l.terminal);
  await db.query(
    `INSERT INTO cards (pipeline_id, lane_id, position, customer_name, contact_name, contact_email, service_address, contract_start_date,
       contract_value, services, notes, created_by, created_at, updated_at, entered_lane_at, lane_visit, version, risk_flag,
       done_at, go_live_date, health_state, nudge_level)
     SELECT $1, $2, 1e9 + g, w.name || ' ' || k.kind || ' Closed ' || g, 'Contact ' || g, 'closed' || g || '@customer' || g || '.example',
            (100 + g % 900) || ' Harbour Road', '2024-01-01', 20000 + (g % 97) * 500, '["janitorial"]', 'Handed over to account care ' || g,
            $3, d - interval '9 days', d, d, $4, $4 * 3 + 1, 'green', d, d::date, 'ok', 0
       FROM generate_series(1, $5) g
       CROSS JOIN LATERAL (SELECT now() - make_interval(days => 15) - make_interval(secs => (g::float / $5) * 86400 * 1810) AS d) t
       JOIN unnest($6::text[]) WITH ORDINALITY w(name, n) ON w.n = 1 + g % cardinality($6::text[])
       JOIN unnest($7::text[]) WITH ORDINALITY k(kind, n) ON k.n = 1 + (g / cardinality($6::text[])) % cardinality($7::text[])`,
    [p.pipelineId, terminal.id, p.people.sales, terminal.position + 1, count, COMPANY_WORDS, COMPANY_KINDS],
  );
  await db.query(
    `INSERT INTO card_events (card_id, type, actor_id, at, data)
     SELECT c.id, 'created', c.created_by, c.created_at, jsonb_build_object('lane', 'intake') FROM cards c
      WHERE c.pipeline_id = $1 AND c.customer_name LIKE '% Closed %'`,
    [p.pipelineId],
  );
  await db.query(
    `INSERT INTO card_events (card_id, type, actor_id, at, data)
     SELECT c.id, 'moved', $2::uuid, c.created_at + (c.done_at - c.created_at) * g / l.position,
            jsonb_build_object('from', lf.key, 'to', lt.key, 'fromName', lf.name, 'toName', lt.name, 'reason', null, 'visit', g + 1)
       FROM cards c JOIN lanes l ON l.id = c.lane_id CROSS JOIN LATERAL generate_series(1, l.position) g
       JOIN lanes lf ON lf.pipeline_id = l.pipeline_id AND lf.position = g - 1
       JOIN lanes lt ON lt.pipeline_id = l.pipeline_id AND lt.position = g
      WHERE c.pipeline_id = $1 AND c.customer_name LIKE '% Closed %'`,
    [p.pipelineId, p.people.manager],
  );
  await db.query('VACUUM ANALYZE');
}
