import type {
  BoardResponse,
  Card,
  CardChecklistItem,
  CardEvent,
  ChecklistTemplateItem,
  ItemValue,
  Lane,
  LoginResponse,
  NotificationList,
  SalesForm,
  StuckCard,
  User,
} from '@relay/shared';
import { relayUrl } from './env.js';

/**
 * Arranging state over the HTTP API (API.md), for the steps a journey is not about: a card created
 * and walked to the lane where the journey starts, the clock moved, a stuck scan run.
 */

export const PEOPLE = ['sales', 'ops', 'cx', 'accounting', 'hr', 'supervisor', 'manager', 'admin'] as const;
export type Person = (typeof PEOPLE)[number];

export const DEMO_PASSWORD = 'relay-demo-pass';
export const emailOf = (p: Person): string => `${p}@relay.test`;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

const tokens = new Map<Person, Promise<LoginResponse>>();

async function login(person: Person): Promise<LoginResponse> {
  const res = await fetch(`${relayUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: emailOf(person), password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new ApiError(res.status, undefined, `sign-in of ${person} failed: ${res.status} ${await res.text()}`, null);
  return (await res.json()) as LoginResponse;
}

function session(person: Person): Promise<LoginResponse> {
  let s = tokens.get(person);
  if (!s) {
    s = login(person);
    s.catch(() => tokens.delete(person));
    tokens.set(person, s);
  }
  return s;
}

export async function userOf(person: Person): Promise<User> {
  return (await session(person)).user;
}

/** One call as `person` (bearer token); throws ApiError for a non-2xx answer. */
export async function call<T>(person: Person, method: string, path: string, body?: unknown): Promise<T> {
  const { token } = await session(person);
  const isForm = body instanceof FormData;
  const res = await fetch(`${relayUrl()}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const code = typeof parsed === 'object' && parsed && 'code' in parsed ? String(parsed.code) : undefined;
    throw new ApiError(res.status, code, `${method} ${path} as ${person}: ${res.status} ${text}`, parsed);
  }
  return parsed as T;
}

// ---- the board and cards ----

let counter = 0;

/** A customer name no other journey (or earlier run against the same data) uses. */
export function uniqueCustomer(prefix: string): string {
  counter += 1;
  return `${prefix} ${Date.now().toString(36).slice(-5)}${counter}`;
}

export function salesForm(customerName: string, extra: Partial<SalesForm> = {}): SalesForm {
  return {
    customerName,
    contactName: 'Gail Keeper',
    contactEmail: 'gail@customer.test',
    serviceAddress: '1 Gate Road, Springfield',
    contractStartDate: '2026-12-01',
    contractValue: 48000,
    services: ['janitorial'],
    ...extra,
  };
}

export const board = () => call<BoardResponse>('admin', 'GET', '/api/board');
export const getCard = (id: string) => call<Card>('admin', 'GET', `/api/cards/${id}`);
export const cardEvents = (id: string) => call<CardEvent[]>('admin', 'GET', `/api/cards/${id}/events`);

export async function createCard(customerName: string, extra: Partial<SalesForm> = {}): Promise<Card> {
  return call<Card>('sales', 'POST', '/api/cards', salesForm(customerName, extra));
}

export async function moveCard(person: Person, id: string, toLane: string, reason?: string): Promise<Card> {
  const { version } = await getCard(id);
  return call<Card>(person, 'POST', `/api/cards/${id}/move`, { toLane, version, ...(reason ? { reason } : {}) });
}

export async function lanes(): Promise<Lane[]> {
  return (await board()).lanes;
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
  if (item.role === 'manager') return 'manager';
  if (item.role === 'supervisor') return 'supervisor';
  if (item.role === 'admin') return 'admin';
  return workerFor(lane);
}

/** A valid value for an item, by kind and rules (a file item gets a fresh upload). */
export async function validValue(cardId: string, item: ChecklistTemplateItem | CardChecklistItem, person: Person): Promise<ItemValue> {
  switch (item.kind) {
    case 'check':
      return true;
    case 'text':
      return `${item.label}: done in e2e`;
    case 'number': {
      const { greaterThan, min } = item.rules ?? {};
      return Math.max(3, (greaterThan ?? 0) + 1, min ?? 0);
    }
    case 'date':
      return '2026-12-01';
    case 'choice':
      return item.rules?.mustBe ?? item.options?.[0] ?? '';
    case 'user': {
      const role = item.rules?.pickRole ?? 'supervisor';
      const people = await call<User[]>(person, 'GET', `/api/users?role=${role}`);
      if (!people[0]) throw new Error(`no ${role} to pick for "${item.label}"`);
      return people[0].id;
    }
    case 'file': {
      const form = new FormData();
      form.append('file', new Blob([`${item.label}\n`], { type: 'text/plain' }), `${item.label.toLowerCase().replace(/\W+/g, '-')}.txt`);
      form.append('itemId', item.id);
      const attachment = await call<{ id: string }>(person, 'POST', `/api/cards/${cardId}/attachments`, form);
      return attachment.id;
    }
    case 'signoff':
      // The team records the customer's written acceptance for them (the customer's own page is journey 12's).
      return { name: 'The customer contact', accepted: true };
  }
}

export async function setItem(person: Person, cardId: string, itemId: string, value: ItemValue): Promise<Card> {
  return call<Card>(person, 'PUT', `/api/cards/${cardId}/checklist/${itemId}`, { value });
}

/** Completes every required item of the card's current lane (optionally all but some labels), each by its rightful person. */
export async function completeLane(cardId: string, opts: { except?: string[] } = {}): Promise<Card> {
  const all = await lanes();
  let card = await getCard(cardId);
  const lane = all.find((l) => l.id === card.laneId);
  if (!lane) throw new Error(`card ${cardId} is in an unknown lane`);
  const values = new Map(card.checklists.find((c) => c.laneId === lane.id)?.items.map((i) => [i.id, i.value]) ?? []);
  for (const item of lane.checklist) {
    if (!item.required || item.retired || opts.except?.includes(item.label)) continue;
    if (values.get(item.id) !== null && values.get(item.id) !== undefined) continue;
    const person = completerFor(lane, item);
    card = await setItem(person, cardId, item.id, await validValue(cardId, item, person));
  }
  return card;
}

/** Walks a card forward, lane by lane, completing each checklist, until it stands in `laneKey`. */
export async function walkTo(cardId: string, laneKey: string): Promise<Card> {
  const all = await lanes();
  const target = all.findIndex((l) => l.key === laneKey);
  if (target < 0) throw new Error(`unknown lane ${laneKey}`);
  let card = await getCard(cardId);
  for (;;) {
    const index = all.findIndex((l) => l.id === card.laneId);
    if (index >= target) return card;
    await completeLane(cardId);
    const from = all[index]!;
    card = await moveCard(workerFor(from), cardId, all[index + 1]!.key);
  }
}

// ---- time, stuck cards, notifications, admin ----

export const advanceClock = (minutes: number) => call<{ now: string }>('admin', 'POST', '/api/test/clock', { advanceMinutes: minutes });
export const stuckScan = () => call<{ nudged: number; escalated: number }>('admin', 'POST', '/api/admin/stuck-scan');
export const stuckCards = () => call<StuckCard[]>('manager', 'GET', '/api/stuck');
export const notificationsOf = (person: Person) => call<NotificationList>(person, 'GET', '/api/notifications');

export async function addChecklistItem(laneKey: string, item: { label: string; kind: string; required: boolean }) {
  const lane = (await lanes()).find((l) => l.key === laneKey);
  if (!lane) throw new Error(`unknown lane ${laneKey}`);
  return call<ChecklistTemplateItem>('admin', 'POST', `/api/lanes/${lane.id}/checklist`, item);
}

export const retireChecklistItem = (id: string) => call<void>('admin', 'DELETE', `/api/checklist-items/${id}`);

// ---- the customer's view ----

/** Shares the card with its customer (as `person`): the link, whose last segment is the token. */
export const shareCard = (person: Person, cardId: string, body: { expiresInDays?: number; email?: boolean } = {}) =>
  call<{ url: string; expiresAt: string }>(person, 'POST', `/api/cards/${cardId}/share`, body);

/** What the customer does on their page, over the HTTP API: answers a request through the link (no session). */
export async function answerAsCustomer(url: string, itemId: string, value: unknown): Promise<void> {
  const token = new URL(url).pathname.split('/').pop()!;
  const res = await fetch(`${relayUrl()}/api/track/${token}/requests/${itemId}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ value }),
  });
  if (!res.ok) throw new ApiError(res.status, undefined, `answer ${itemId}: ${res.status} ${await res.text()}`, undefined);
}
