import type { LaneKey, Notification, User, UserRef } from './domain.js';

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
