import type { BoardResponse, Card, ChecklistTemplateItem, SalesForm } from '@relay/shared';
import { completeLane as completeLaneOf, itemByLabel as itemOf, routes, salesForm, type Reply } from '../kit/index.js';
import type { TestApp } from '../support/test-app.js';

/** The server tests' shorthand for the kit's builders (test/kit), against a TestApp. */

export { salesForm };

/** A card as the sales rep creates it; tests create many for one customer (the duplicate warning has its own test). */
export function createCard(t: TestApp, overrides: Partial<SalesForm> = {}): Promise<Card> {
  return t.api('sales').createCard({ ...salesForm(overrides), allowDuplicate: true });
}

export async function userId(t: TestApp, who: string): Promise<string> {
  return (await t.api(who).user()).id;
}

/** Fills every required item of a lane (again, if filled), each by `who` (role-restricted items by `roleWho[role]`). */
export function completeLane(
  t: TestApp,
  cardId: string,
  laneKey: string,
  who: string,
  roleWho: Record<string, string> = {},
): Promise<Card> {
  return completeLaneOf(t.team, cardId, { lane: laneKey, refill: true, by: (_, item) => (item.role ? (roleWho[item.role] ?? who) : who) });
}

/** The move's whole answer (tests assert refusals). */
export function move(t: TestApp, cardId: string, toLane: string, who: string, version: number, reason?: string): Promise<Reply> {
  return t.api(who).send(routes.move(cardId, toLane, version, reason));
}

export function itemByLabel(board: BoardResponse, laneKey: string, label: string): ChecklistTemplateItem {
  return itemOf(board.lanes, laneKey, label);
}
