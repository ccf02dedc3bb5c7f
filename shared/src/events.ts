import type { CardSummary, Comment, LaneKey, Notification, UserRef } from './domain.js';

/** Fields every board event carries. */
export interface BoardEventBase {
  seq: number;
  at: string;
  actor: UserRef | null;
  /** The client request id that caused it, so a client can recognise its own echo. */
  requestId?: string | null;
}

export interface BoardEventPayloads {
  'card.created': { card: CardSummary };
  'card.moved': { card: CardSummary; fromLane: LaneKey; toLane: LaneKey; reason?: string | null };
  'card.updated': { card: CardSummary };
  'card.health': { card: CardSummary };
  'comment.added': { cardId: string; comment: Comment };
  'board.changed': { what: 'lanes' | 'checklist' };
}

export type BoardEventName = keyof BoardEventPayloads;

export type BoardEvent<N extends BoardEventName = BoardEventName> = N extends BoardEventName
  ? BoardEventBase & { type: N } & BoardEventPayloads[N]
  : never;

export const BOARD_EVENT_NAMES: readonly BoardEventName[] = [
  'card.created',
  'card.moved',
  'card.updated',
  'card.health',
  'comment.added',
  'board.changed',
];

/**
 * A live `notification` event counts its person's unread notifications only up to this number: every
 * change that notifies a department would otherwise count through each member's whole unread backlog.
 * An `unread` equal to the cap means "at least the cap"; the board then goes on from the exact count it
 * got from `GET /api/notifications` (see unreadAfterPush), so the bell stays exact.
 */
export const UNREAD_PUSH_CAP = 10;

/** The unread count after a live notification: the pushed count, unless capped, where the known count goes on. */
export function unreadAfterPush(pushed: number, known: number): number {
  return pushed < UNREAD_PUSH_CAP ? pushed : Math.max(UNREAD_PUSH_CAP, known + 1);
}

export type ServerToClientEvents = {
  [N in BoardEventName]: (event: BoardEvent<N>) => void;
} & {
  /** `unread`: at most UNREAD_PUSH_CAP (see there). */
  notification: (event: { notification: Notification; unread: number }) => void;
  'session.ended': (event: { reason: string }) => void;
};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

/** Header a client sets on writes so it can recognise the echo of its own change. */
export const REQUEST_ID_HEADER = 'x-relay-request-id';
