import type { CardSummary, LaneKey, Notification, User, UserRef } from './domain.js';
import type { BusinessCalendar } from './rules/calendar/business-calendar.js';

/** Bodies of API answers that are not a domain object themselves (see API.md). */

export interface LoginResponse {
  user: User;
  token: string;
}

export interface MeResponse {
  user: User;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

/** One row of `GET /api/metrics`: a lane's load and how long cards stay in it. */
export interface LaneMetrics {
  laneId: string;
  laneKey: LaneKey;
  name: string;
  cards: number;
  atRisk: number;
  stuck: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Median hours from arrival in the lane to pickup, when known. */
  medianPickupHours?: number | null;
}

export interface MetricsResponse {
  lanes: LaneMetrics[];
  pipeline: {
    medianDaysToDone: number | null;
    doneLast30Days: number;
    /** Cards not yet done. */
    openCards?: number;
  };
}

/** One row of `GET /api/admin/audit`: who changed which setting, when, and its value before and after. */
export interface AuditEntry {
  id: string;
  actor: UserRef | null;
  /** ISO 8601. */
  at: string;
  /** What kind of setting changed: a lane, a checklist item, a department, a user. */
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** One row of `GET /api/cards` (issue 24): the board's summary plus what the list shows and searches. */
export interface CardListItem extends CardSummary {
  customerName: string;
  contactName: string;
  contactEmail: string;
  /** ISO 8601. */
  createdAt: string;
  /** When the card reached Done (ISO 8601); null while open. */
  closedAt: string | null;
}

/** `GET /api/cards`: a page of rows; `nextCursor` (null on the last page) fetches the next one. */
export interface CardListResponse {
  items: CardListItem[];
  nextCursor: string | null;
}

/** `GET /api/settings` (and the answer of `PATCH /api/settings`, admin). */
export interface Settings {
  /** The Done lane shows cards closed in the last N days. */
  doneVisibleDays: number;
  /** Days without customer contact before a card is flagged; null: off. */
  touchCadenceDays: number | null;
  /** Working hours (issue 22); null: round the clock. */
  calendar: BusinessCalendar | null;
}

export type SettingsPatch = Partial<Settings>;
