import {
  DEFAULT_PIPELINE,
  type BoardResponse,
  type Card,
  type CardSummary,
  type ChecklistTemplateItem,
  type Lane,
  type User,
} from '@relay/shared';

let counter = 0;
/** Deterministic UUIDs: shared rules check user and file values are UUIDs. */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** The default pipeline as the server would serve it. */
export function makeLanes(): Lane[] {
  return DEFAULT_PIPELINE.lanes.map((t, i) => {
    const id = `lane-${t.key}`;
    const checklist: ChecklistTemplateItem[] = t.items.map((item, j) => ({
      id: `${t.key}-item-${j}`,
      laneId: id,
      label: item.label,
      help: item.help ?? null,
      kind: item.kind,
      required: item.required ?? true,
      role: item.role ?? null,
      options: item.options ?? null,
      rules: item.rules ?? null,
      audience: item.audience ?? 'team',
      position: j,
      retired: false,
    }));
    return {
      id,
      key: t.key,
      name: t.name,
      position: i,
      department: t.department,
      role: t.role ?? null,
      timeLimitHours: t.timeLimitHours,
      terminal: t.key === 'done',
      customerName: t.customerName,
      customerDescription: t.customerDescription,
      checklist,
    };
  });
}

export function makeUser(overrides: Partial<User> = {}): User {
  return { id: uuid(), name: 'Olivia Ops', email: 'ops@relay.test', role: 'staff', departments: ['operations'], ...overrides };
}

export function makeCard(lane: Lane, overrides: Partial<CardSummary> = {}): CardSummary {
  return {
    id: uuid(),
    title: 'Gatekeeper Foods',
    laneId: lane.id,
    laneKey: lane.key,
    position: 1024,
    version: 1,
    assignee: null,
    enteredLaneAt: new Date().toISOString(),
    health: 'ok',
    overdueMinutes: 0,
    checklistDone: 0,
    checklistRequired: lane.checklist.filter((i) => i.required).length,
    riskFlag: 'green',
    pickedUpBy: null,
    pickedUpAt: null,
    nextActionDue: null,
    goLiveDate: null,
    ...overrides,
  };
}

/** A full card for REST answers, from a summary. */
export function fullCard(s: CardSummary, lanes: Lane[], overrides: Partial<Card> = {}): Card {
  const lane = lanes.find((l) => l.id === s.laneId)!;
  return {
    ...s,
    lane: { id: lane.id, key: lane.key, name: lane.name },
    customerName: s.title,
    contactName: 'Gail Keeper',
    contactEmail: 'gail@gatekeeper.test',
    contactPhone: null,
    serviceAddress: '1 Gate Rd',
    contractStartDate: '2026-12-01',
    contractValue: 12000,
    services: ['janitorial'],
    specialConditions: null,
    notes: null,
    createdBy: null,
    createdAt: s.enteredLaneAt,
    updatedAt: s.enteredLaneAt,
    laneVisit: 1,
    riskReason: null,
    nextAction: null,
    lastTouch: null,
    checklists: [],
    attachments: [],
    ...overrides,
  };
}

export function makeBoard(cards: CardSummary[], seq = 0, lanes = makeLanes()): BoardResponse {
  return { pipeline: { id: 'p1', name: 'Customer onboarding' }, lanes, cards, seq, now: new Date().toISOString(), departments: [] };
}

export interface FetchCall {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

type Reply = { status: number; body?: unknown };
type Handler = (call: FetchCall) => Reply | Promise<Reply>;

/** Replaces global fetch with a router of `METHOD /path` → reply; records every call. */
export function mockFetch(routes: Record<string, Handler | Reply>): FetchCall[] {
  const calls: FetchCall[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const call: FetchCall = {
      method,
      url,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const key = Object.keys(routes).find((k) => {
      const [m, p] = k.split(' ');
      return m === method && (p === url || (p!.endsWith('*') && url.startsWith(p!.slice(0, -1))));
    });
    const route = key ? routes[key]! : { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: `No route ${method} ${url}` } };
    const reply = typeof route === 'function' ? await route(call) : route;
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    return { ok: reply.status >= 200 && reply.status < 300, status: reply.status, text: async () => text } as Response;
  }) as typeof fetch;
  return calls;
}

export function errorReply(status: number, code: string, message: string, details?: unknown): Reply {
  return { status, body: { statusCode: status, code, message, details } };
}

/** A Storage in memory (what the kept drafts read and write), with its map to look into. */
export function memoryStorage() {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}
