import type { Card, CardEvent, Lane, NotificationList, SalesForm, StuckCard } from '@relay/shared';
import * as kit from '../../server/test/kit/index.js';
import { relayUrl } from './env.js';

/**
 * Arranging state over the HTTP API, for the steps a journey is not about (a card created and walked to the
 * lane where the journey starts, the clock moved, a stuck scan run): the tests' kit (server/test/kit), bound
 * to the run's Relay.
 */

export { DEMO_PASSWORD, emailOf, newUser, PEOPLE, salesForm, uniqueCustomer, type Person } from '../../server/test/kit/index.js';

let everyone: kit.Team | undefined;
/** Everyone's API client against the run's Relay (`team().as('ops')`). */
export const team = (): kit.Team => (everyone ??= new kit.Team(relayUrl(), kit.DEMO_PASSWORD));
const as = (person: kit.Person) => team().as(person);

export const board = () => as('admin').board();
export const getCard = (id: string): Promise<Card> => as('admin').card(id);
export const cardEvents = (id: string): Promise<CardEvent[]> => as('admin').events(id);
export const lanes = async (): Promise<Lane[]> => (await board()).lanes;

export const createCard = (customerName: string, extra: Partial<SalesForm> = {}): Promise<Card> =>
  as('sales').createCard(kit.salesForm({ customerName, ...extra }));

/** A card for a new customer (a unique name from `prefix`), walked to a lane and its gate completed if asked. */
export async function newCard(
  prefix: string,
  opts: kit.CardInLaneOptions & { form?: Partial<SalesForm> } = {},
): Promise<{ customer: string; card: Card }> {
  const customer = kit.uniqueCustomer(prefix);
  return { customer, card: await kit.cardInLane(team(), kit.salesForm({ customerName: customer, ...opts.form }), opts) };
}

export async function moveCard(person: kit.Person, id: string, toLane: string, reason?: string): Promise<Card> {
  const { version } = await getCard(id);
  return as(person).move(id, toLane, version, reason);
}

/** Completes every required item of the card's current lane (optionally all but some labels), each by its rightful person. */
export const completeLane = (cardId: string, opts: { except?: string[] } = {}): Promise<Card> => kit.completeLane(team(), cardId, opts);

/** Walks a card forward, lane by lane, completing each checklist, until it stands in `laneKey`. */
export const walkTo = (cardId: string, laneKey: string): Promise<Card> => kit.walkTo(team(), cardId, laneKey);

// ---- time, stuck cards, notifications, admin ----

export const advanceClock = (minutes: number) => as('admin').call(kit.routes.advanceClock(minutes));
export const stuckScan = () => as('admin').call(kit.routes.stuckScan());
export const stuckCards = (): Promise<StuckCard[]> => as('manager').call(kit.routes.stuck());
export const notificationsOf = (person: kit.Person): Promise<NotificationList> => as(person).notifications();

export const retireChecklistItem = (id: string) => as('admin').call(kit.routes.retireChecklistItem(id));
/** Adds a person (as the admin); `newUser` builds one. */
export const addUser = (person: kit.NewUser) => as('admin').call(kit.routes.createUser(person));

// ---- the customer's view ----

/** Shares the card with its customer (as `person`): the link, whose last segment is the token. */
export const shareCard = (person: kit.Person, cardId: string, body: { expiresInDays?: number; email?: boolean } = {}) =>
  as(person).share(cardId, body);

/** What the customer does on their page, over the HTTP API: answers a request through the link (no session). */
export async function answerAsCustomer(url: string, itemId: string, value: unknown): Promise<void> {
  const token = new URL(url).pathname.split('/').pop()!;
  await team()
    .anonymous()
    .call(kit.routes.answerRequest(token, itemId, value));
}
