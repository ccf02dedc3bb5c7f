/**
 * The tests' one set of data builders: the demo people of each role, a sales form, a valid value of each
 * checklist kind, a lane's checklist completed, a card walked to a lane. Server and browser tests share them.
 */
import {
  DEMO_PEOPLE,
  type Card,
  type CardChecklistItem,
  type ChecklistTemplateItem,
  type ItemValue,
  type Lane,
  type Role,
  type SalesForm,
} from '@relay/shared';
import { RelayClient, routes, type ClientOptions, type NewUser } from './client.js';

/** The demo people (API.md), by the part of their email before the `@`. */
export const PEOPLE = ['sales', 'ops', 'cx', 'accounting', 'hr', 'supervisor', 'manager', 'admin'] as const;
export type Person = (typeof PEOPLE)[number];

export const emailOf = (who: string): string => (who.includes('@') ? who : `${who}@relay.test`);

/** A demo person of each role (staff: Operations'). */
export const PERSON_OF_ROLE: Record<Role, Person> = {
  sales: 'sales',
  staff: 'ops',
  supervisor: 'supervisor',
  manager: 'manager',
  admin: 'admin',
};

/** The demo password (`RELAY_DEMO_PASSWORD` unset), from shared's seed data. */
export { DEMO_PASSWORD } from '@relay/shared';

/** A demo person's display name, as the server shows it. */
export const nameOf = (who: string): string => DEMO_PEOPLE.find((p) => p.email === emailOf(who))!.name;

/**
 * Everyone's client against one Relay: `team.as('ops')` is Olive Ops's (signed in on first use, then kept),
 * `team.as('someone@example.test', password)` anybody else's, `team.anonymous()` nobody's.
 */
export class Team {
  private readonly clients = new Map<string, RelayClient>();

  constructor(
    readonly baseUrl: string,
    private readonly password: string,
    private readonly options: Omit<ClientOptions, 'signIn'> = {},
  ) {}

  as(who: string, password = this.password): RelayClient {
    const email = emailOf(who);
    const key = `${email}\n${password}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new RelayClient(this.baseUrl, { ...this.options, signIn: { email, password } });
      this.clients.set(key, client);
    }
    return client;
  }

  /** A client of its own (not shared with other tests), e.g. signed in with the cookie. */
  fresh(who: string, options: Omit<ClientOptions, 'signIn'> = {}, password = this.password): RelayClient {
    return new RelayClient(this.baseUrl, { ...this.options, ...options, signIn: { email: emailOf(who), password } });
  }

  anonymous(options: Omit<ClientOptions, 'signIn'> = {}): RelayClient {
    return new RelayClient(this.baseUrl, { ...this.options, ...options });
  }

  /** Signs everyone in again on their next call (after their sessions ended). */
  forgetSessions(): void {
    for (const c of this.clients.values()) c.forget();
  }
}

let people = 0;

/** A person of `role` (staff: of Operations) with a unique email, as `POST /api/users` takes them. */
export function newUser(role: Role, overrides: Partial<NewUser> = {}): NewUser {
  people += 1;
  const unique = `${Date.now().toString(36)}${people}`;
  return {
    name: `Pat ${role[0]!.toUpperCase()}${role.slice(1)}`,
    email: `${role}.${unique}@relay.test`,
    role,
    departments: role === 'staff' ? ['operations'] : [],
    ...overrides,
  };
}

// ---- cards ----

let customers = 0;

/** A customer name no other test (or earlier run against the same data) uses. */
export function uniqueCustomer(prefix: string): string {
  customers += 1;
  return `${prefix} ${Date.now().toString(36).slice(-5)}${customers}`;
}

/** A complete, valid sales form. */
export function salesForm(overrides: Partial<SalesForm> = {}): SalesForm {
  return {
    customerName: 'Gatekeeper Foods',
    contactName: 'Grace Keeper',
    contactEmail: 'grace@gatekeeper.example',
    contactPhone: '+1 555 0100',
    serviceAddress: '12 Harbour Road',
    contractStartDate: '2026-12-01',
    contractValue: 48000,
    services: ['janitorial', 'day porter'],
    ...overrides,
  };
}

/** Who does a lane's work in the demo company: its department's staff, or the supervisor for supervisor lanes. */
export function workerFor(lane: Pick<Lane, 'department' | 'role'>): Person {
  if (lane.role === 'supervisor') return 'supervisor';
  switch (lane.department) {
    case 'operations':
      return 'ops';
    case 'customer_experience':
      return 'cx';
    case 'accounting':
      return 'accounting';
    case 'hr':
      return 'hr';
    default:
      return 'admin';
  }
}

/** Who completes an item: its role when it has one (go-live approval: the senior manager), else the lane's worker. */
export function completerFor(lane: Lane, item: Pick<ChecklistTemplateItem, 'role'>): Person {
  if (item.role === 'manager' || item.role === 'supervisor' || item.role === 'admin') return item.role;
  return workerFor(lane);
}

/** A valid value for an item, by kind and rules; a file item gets a fresh upload by `client`. */
export async function validValue(client: RelayClient, cardId: string, item: ChecklistTemplateItem | CardChecklistItem): Promise<ItemValue> {
  switch (item.kind) {
    case 'check':
      return true;
    case 'text':
      return `${item.label}: done`;
    case 'number': {
      const { greaterThan, min } = item.rules ?? {};
      return Math.max(12, (greaterThan ?? 0) + 1, min ?? 0);
    }
    case 'date':
      return '2026-12-01';
    case 'choice':
      return item.rules?.mustBe ?? item.options?.[0] ?? '';
    case 'user': {
      const role = item.rules?.pickRole ?? 'supervisor';
      const [someone] = await client.call(routes.users(role));
      if (!someone) throw new Error(`no ${role} to pick for "${item.label}"`);
      return someone.id;
    }
    case 'file':
      return client.upload(
        cardId,
        { name: `${item.label.toLowerCase().replace(/\W+/g, '-')}.pdf`, type: 'application/pdf', content: '%PDF-1.4 relay test' },
        { itemId: item.id },
      );
    case 'signoff':
      // Staff may record the customer's acceptance for them (e.g. received in writing by email).
      return { name: 'Dana Customer', accepted: true };
  }
}

export interface CompleteLaneOptions {
  /** The lane's key; default: the card's current lane. */
  lane?: string;
  /** Who fills an item; default: its rightful person (`completerFor`). */
  by?: (lane: Lane, item: ChecklistTemplateItem) => string;
  /** Labels to leave open. */
  except?: string[];
  /** Fill items that already have a value again (default: leave them). */
  refill?: boolean;
}

/** Completes every required item of a lane of a card, each by its rightful person; answers the card. */
export async function completeLane(team: Team, cardId: string, opts: CompleteLaneOptions = {}): Promise<Card> {
  const reader = team.as('admin');
  const [{ lanes }, first] = await Promise.all([reader.board(), reader.card(cardId)]);
  let card = first;
  const lane = lanes.find((l) => (opts.lane ? l.key === opts.lane : l.id === card.laneId));
  if (!lane) throw new Error(`card ${cardId}: no lane ${opts.lane ?? card.laneId}`);
  const values = new Map(card.checklists.find((c) => c.laneId === lane.id)?.items.map((i) => [i.id, i.value]) ?? []);
  for (const item of lane.checklist) {
    if (!item.required || item.retired || opts.except?.includes(item.label)) continue;
    if (!opts.refill && values.get(item.id) !== null && values.get(item.id) !== undefined) continue;
    const client = team.as(opts.by ? opts.by(lane, item) : completerFor(lane, item));
    card = await client.setItem(cardId, item.id, await validValue(client, cardId, item));
  }
  return card;
}

/** Walks a card forward, lane by lane, completing each checklist, until it stands in `laneKey`. */
export async function walkTo(team: Team, cardId: string, laneKey: string): Promise<Card> {
  const { lanes } = await team.as('admin').board();
  const target = lanes.findIndex((l) => l.key === laneKey);
  if (target < 0) throw new Error(`unknown lane ${laneKey}`);
  let card = await team.as('admin').card(cardId);
  for (;;) {
    const index = lanes.findIndex((l) => l.id === card.laneId);
    if (index >= target) return card;
    card = await completeLane(team, cardId);
    card = await team.as(workerFor(lanes[index]!)).move(cardId, lanes[index + 1]!.key, card.version);
  }
}

export interface CardInLaneOptions {
  /** The lane it is walked to (each lane before it completed); default: it stays where it is created. */
  lane?: string;
  /** Completes that lane's checklist too, so the card may leave it. */
  gateComplete?: boolean;
}

/** A card the sales rep creates from `form`, walked to a lane, with that lane's gate complete if asked. */
export async function cardInLane(team: Team, form: SalesForm, opts: CardInLaneOptions = {}): Promise<Card> {
  let card = await team.as('sales').createCard(form);
  if (opts.lane) card = await walkTo(team, card.id, opts.lane);
  if (opts.gateComplete) card = await completeLane(team, card.id);
  return card;
}

/** An item of a lane's checklist, by its label. */
export function itemByLabel(lanes: Lane[], laneKey: string, label: string): ChecklistTemplateItem {
  const item = lanes.find((l) => l.key === laneKey)?.checklist.find((i) => i.label === label);
  if (!item) throw new Error(`no item ${label} in ${laneKey}`);
  return item;
}

/** The default pipeline's lanes as the customer reads them, in order (written out, not read from the seed). */
export const CUSTOMER_LANE_NAMES = [
  'Getting started',
  'Welcome',
  'Billing set-up',
  'Preparing your service',
  'Staffing',
  'Going live',
  'First-week check',
  'Live',
];
