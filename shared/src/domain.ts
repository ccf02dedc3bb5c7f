/** The vocabulary of Relay, defined once for server and client. */

export const ROLES = ['sales', 'staff', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENT_KEYS = ['operations', 'customer_experience', 'accounting', 'hr', 'sales'] as const;
/** Department keys of the default pipeline; admins may add more, so a key is any string. */
export type DepartmentKey = string;

export const LANE_KEYS = [
  'intake',
  'customer_experience',
  'accounting',
  'operational_setup',
  'hr',
  'go_live',
  'first_week_audit',
  'done',
] as const;
export type LaneKey = string;

export const ITEM_KINDS = ['check', 'text', 'number', 'date', 'choice', 'user', 'file', 'signoff'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Who completes a checklist item: the team, or the customer through the tracker link (a request). */
export const ITEM_AUDIENCES = ['team', 'customer'] as const;
export type ItemAudience = (typeof ITEM_AUDIENCES)[number];

export const HEALTHS = ['ok', 'at_risk', 'stuck'] as const;
export type Health = (typeof HEALTHS)[number];

export const RISK_FLAGS = ['green', 'amber', 'red'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const NOTIFICATION_KINDS = ['card_arrived', 'assigned', 'mentioned', 'reminder', 'stuck', 'escalated', 'customer_replied'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CARD_EVENT_TYPES = [
  'created',
  'moved',
  'sent_back',
  'checklist_set',
  'checklist_cleared',
  'updated',
  'comment',
  'attachment',
  'nudged',
  'escalated',
  'reminded',
  'picked_up',
  'shared',
  'share_revoked',
  'move_undone',
] as const;
export type CardEventType = (typeof CARD_EVENT_TYPES)[number];

export interface UserRef {
  id: string;
  name: string;
}

export interface User extends UserRef {
  email: string;
  role: Role;
  departments: DepartmentKey[];
  active?: boolean;
}

/** Extra constraints on an item's value beyond its kind. */
export interface ItemRules {
  /** number: value must be greater than this. */
  greaterThan?: number;
  /** number: value must be at least this. */
  min?: number;
  /** choice: the gate is passed only with this option chosen. */
  mustBe?: string;
  /** user: the chosen person must have this role. */
  pickRole?: Role;
}

export interface ChecklistTemplateItem {
  id: string;
  laneId: string;
  label: string;
  help?: string | null;
  kind: ItemKind;
  required: boolean;
  /** Only this role (or an admin) may complete the item. */
  role?: Role | null;
  options?: string[] | null;
  rules?: ItemRules | null;
  /** `customer`: a request to the customer, answered through the tracker link (or by staff for them). */
  audience: ItemAudience;
  position: number;
  retired: boolean;
}

export interface Department {
  key: DepartmentKey;
  name: string;
}

export interface Lane {
  id: string;
  key: LaneKey;
  name: string;
  position: number;
  /** Owning department; null for the terminal lane. */
  department: DepartmentKey | null;
  /** Within the owning department, only this role (or above) works the lane. */
  role?: Role | null;
  /** Null for the terminal lane: no limit. */
  timeLimitHours: number | null;
  terminal: boolean;
  /** What the customer's tracker calls the lane, and one line saying what happens in it. */
  customerName: string | null;
  customerDescription: string | null;
  checklist: ChecklistTemplateItem[];
}

export interface Pipeline {
  id: string;
  name: string;
}

/** A value on a card for a checklist item. Shape depends on the item's kind. */
export type ItemValue = boolean | string | number | SignoffValue;

/** A sign-off: the customer's contact typed their name and confirmed (Relay records when and from where). */
export interface SignoffValue {
  name: string;
  accepted: true;
}

/** An item completed by the customer through the tracker link. */
export interface CustomerRef {
  customer: string;
}

export interface NextAction {
  text: string;
  ownerId: string | null;
  owner?: UserRef | null;
  due: string | null;
  /** Shown on the customer's tracker page. */
  customerVisible?: boolean;
}

export interface LastTouch {
  at: string;
  channel: string;
}

/** Why a card is back in a lane: the send-back that brought it, shown until it moves on. */
export interface ReturnNote {
  /** The lane it was sent back from. */
  fromKey: LaneKey;
  fromName: string;
  reason: string;
  at: string;
}

export interface CardSummary {
  id: string;
  title: string;
  laneId: string;
  laneKey: LaneKey;
  position: number;
  version: number;
  assignee: UserRef | null;
  enteredLaneAt: string;
  health: Health;
  overdueMinutes: number;
  checklistDone: number;
  checklistRequired: number;
  riskFlag: RiskFlag;
  pickedUpBy: UserRef | null;
  pickedUpAt: string | null;
  nextActionDue: string | null;
  /** The tracker's words for the tile: why the flag is not green, and what the next action is. */
  riskReason?: string | null;
  nextActionText?: string | null;
  goLiveDate: string | null;
  /** Present only while the card is back in a lane it was sent back to, until it moves on. */
  returned?: ReturnNote | null;
}

export interface SalesForm {
  customerName: string;
  contactName: string;
  contactEmail: string;
  contactPhone?: string | null;
  serviceAddress: string;
  contractStartDate: string;
  contractValue?: number | null;
  services: string[];
  specialConditions?: string | null;
  notes?: string | null;
}

export interface CardChecklistItem {
  id: string;
  label: string;
  help?: string | null;
  kind: ItemKind;
  required: boolean;
  role?: Role | null;
  options?: string[] | null;
  rules?: ItemRules | null;
  audience: ItemAudience;
  retired: boolean;
  value: ItemValue | null;
  note: string | null;
  completedBy: UserRef | CustomerRef | null;
  completedAt: string | null;
}

export interface CardChecklist {
  laneId: string;
  laneKey: LaneKey;
  laneName: string;
  items: CardChecklistItem[];
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  mime: string;
  itemId: string | null;
  uploadedBy: UserRef | null;
  at: string;
}

export interface Card extends SalesForm {
  id: string;
  title: string;
  lane: { id: string; key: LaneKey; name: string };
  laneId: string;
  laneKey: LaneKey;
  position: number;
  version: number;
  assignee: UserRef | null;
  createdBy: UserRef | null;
  createdAt: string;
  updatedAt: string;
  enteredLaneAt: string;
  laneVisit: number;
  health: Health;
  overdueMinutes: number;
  goLiveDate: string | null;
  riskFlag: RiskFlag;
  riskReason: string | null;
  nextAction: NextAction | null;
  lastTouch: LastTouch | null;
  pickedUpBy: UserRef | null;
  pickedUpAt: string | null;
  checklists: CardChecklist[];
  attachments: Attachment[];
  checklistDone: number;
  checklistRequired: number;
  /** Present only while the card is back in a lane it was sent back to, until it moves on. */
  returned?: ReturnNote | null;
}

export interface CardEvent {
  id: string;
  type: CardEventType;
  actor: UserRef | null;
  at: string;
  data: Record<string, unknown>;
}

export interface Comment {
  id: string;
  cardId: string;
  author: UserRef;
  body: string;
  at: string;
}

export interface Notification {
  id: string;
  kind: NotificationKind;
  cardId: string | null;
  text: string;
  at: string;
  read: boolean;
}

export interface BoardResponse {
  pipeline: Pipeline;
  lanes: Lane[];
  cards: CardSummary[];
  /** Department keys and names, for labelling lanes and owners. */
  departments: Department[];
  seq: number;
  /** The pipeline clock when the board was read (the test clock moves it), for time-in-lane timers. */
  now: string;
}

export interface MissingItem {
  itemId: string;
  label: string;
  department: DepartmentKey | null;
  role?: Role | null;
}

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'digest', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationPreferences = Record<NotificationKind, NotificationChannel>;

/** In the bell for everything; stuck, escalated and assigned also by email. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  card_arrived: 'in_app',
  assigned: 'email',
  mentioned: 'in_app',
  reminder: 'in_app',
  stuck: 'email',
  escalated: 'email',
  customer_replied: 'in_app',
};

/**
 * Where a role's defaults differ from DEFAULT_PREFERENCES: senior managers follow the pipeline on the board
 * and by escalations, so every arrival in their department's lanes (every new sale) is not sent to them
 * unless they choose it.
 */
export const ROLE_DEFAULT_PREFERENCES: Partial<Record<Role, Partial<NotificationPreferences>>> = {
  manager: { card_arrived: 'off' },
};

/** A person's preferences before they choose any: DEFAULT_PREFERENCES with their role's differences. */
export function defaultPreferences(role: Role): NotificationPreferences {
  return { ...DEFAULT_PREFERENCES, ...ROLE_DEFAULT_PREFERENCES[role] };
}

export interface StuckCard extends CardSummary {
  laneName: string;
  department: DepartmentKey | null;
}

/** `GET /api/cards/:id/share`: the card's customer link, without its token. */
export interface ShareInfo {
  active: boolean;
  createdAt: string | null;
  expiresAt: string | null;
  lastViewedAt: string | null;
  views: number;
}

/** `POST /api/cards/:id/share`: the only answer that carries the token. */
export interface ShareCreated {
  url: string;
  expiresAt: string;
  emailed: boolean;
}

export type MilestoneStatus = 'done' | 'current' | 'upcoming';

export interface TrackMilestone {
  name: string;
  description?: string | null;
  status: MilestoneStatus;
  doneAt?: string;
  targetDate?: string;
}

export interface TrackRequest {
  id: string;
  label: string;
  help?: string;
  kind: ItemKind;
  required: boolean;
  options?: string[];
  value: ItemValue | null;
  done: boolean;
  /** For a file request: the name of the file sent. */
  fileName?: string;
}

/** `GET /api/track/:token`: everything the customer's page shows, and nothing internal (API.md). */
export interface TrackView {
  customerName: string;
  stage: { name: string; number: number; of: number };
  milestones: TrackMilestone[];
  waitingOnYou: boolean;
  requests: TrackRequest[];
  nextAction: { text: string; due: string | null } | null;
  goLiveDate: string | null;
  updatedAt: string;
}
