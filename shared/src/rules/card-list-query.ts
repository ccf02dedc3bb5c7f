import { HEALTHS, type Health } from '../domain.js';
import type { FieldError } from '../errors.js';
import { businessDateError } from './values.js';

/**
 * The query of the Cards list (`GET /api/cards`, `GET /api/cards/export.csv`, the Cards view's URL): one
 * reading of the parameters and one writing, so a shared link, the list and its export mean the same cards.
 */

export const CARD_LIST_STATUSES = ['open', 'closed', 'all'] as const;
export type CardListStatus = (typeof CARD_LIST_STATUSES)[number];

/** The sortable columns (the server's keyset orders); `sort=closed` is oldest first, `sort=-closed` newest first. */
export const CARD_LIST_SORT_FIELDS = ['created', 'closed', 'customer', 'lane', 'health'] as const;
export type CardListSortField = (typeof CARD_LIST_SORT_FIELDS)[number];
export type CardListSort = CardListSortField | `-${CardListSortField}`;

export const CARD_LIST_DEFAULT_STATUS: CardListStatus = 'all';
/** Newest first. */
export const CARD_LIST_DEFAULT_SORT: CardListSort = '-created';
export const CARD_LIST_DEFAULT_LIMIT = 50;
export const CARD_LIST_MAX_LIMIT = 200;
export const CARD_LIST_Q_MAX = 200;
/**
 * A cursor's length: the server's cursor holds the last row's sort key, up to a 200-character customer name of
 * up to 4 bytes each, in base64url (about 1,150 characters at most), so a real page's cursor always fits.
 */
export const CARD_LIST_CURSOR_MAX = 2000;

export interface CardListQuery {
  /** Words or word beginnings (see matchesSearch); '' for none. */
  q: string;
  status: CardListStatus;
  lane: string | null;
  segment: string | null;
  health: Health | null;
  /** YYYY-MM-DD, inclusive. */
  closedFrom: string | null;
  closedTo: string | null;
  sort: CardListSort;
  /** The previous page's `nextCursor`. */
  cursor: string | null;
  limit: number;
}

export const DEFAULT_CARD_LIST_QUERY: CardListQuery = {
  q: '',
  status: CARD_LIST_DEFAULT_STATUS,
  lane: null,
  segment: null,
  health: null,
  closedFrom: null,
  closedTo: null,
  sort: CARD_LIST_DEFAULT_SORT,
  cursor: null,
  limit: CARD_LIST_DEFAULT_LIMIT,
};

const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;

export function isCardListSort(value: unknown): value is CardListSort {
  if (typeof value !== 'string') return false;
  const field = value.startsWith('-') ? value.slice(1) : value;
  return (CARD_LIST_SORT_FIELDS as readonly string[]).includes(field);
}

/** The field a sort orders by and its direction. */
export function sortParts(sort: CardListSort): { field: CardListSortField; descending: boolean } {
  return sort.startsWith('-')
    ? { field: sort.slice(1) as CardListSortField, descending: true }
    : { field: sort as CardListSortField, descending: false };
}

/** URLSearchParams (anything with `get`), or a parsed query object such as Express's `req.query`. */
type ParamSource = { get(name: string): string | null } | Record<string, unknown>;

function read(source: ParamSource, name: string): string | undefined {
  if (typeof source.get === 'function') return (source as { get(name: string): string | null }).get(name) ?? undefined;
  const v = (source as Record<string, unknown>)[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * Reads a list query from URL parameters: absent or empty parameters take their defaults; a bad one is named
 * in `errors` (the server answers 400 with them) and left at its default (the client shows the rest).
 */
export function parseCardListQuery(source: ParamSource): { query: CardListQuery; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const query: CardListQuery = { ...DEFAULT_CARD_LIST_QUERY };
  const get = (name: string) => {
    const v = read(source, name);
    return v === undefined || v === '' ? undefined : v;
  };

  const q = get('q');
  if (q !== undefined) {
    if (q.length > CARD_LIST_Q_MAX) errors.push({ field: 'q', message: `q must be at most ${CARD_LIST_Q_MAX} characters` });
    else query.q = q;
  }
  const status = get('status');
  if (status !== undefined) {
    if ((CARD_LIST_STATUSES as readonly string[]).includes(status)) query.status = status as CardListStatus;
    else errors.push({ field: 'status', message: `status must be one of ${CARD_LIST_STATUSES.join(', ')}` });
  }
  for (const name of ['lane', 'segment'] as const) {
    const v = get(name);
    if (v === undefined) continue;
    if (KEY_RE.test(v)) query[name] = v;
    else errors.push({ field: name, message: `${name} must be a key (lower-case letters, digits and _)` });
  }
  const health = get('health');
  if (health !== undefined) {
    if ((HEALTHS as readonly string[]).includes(health)) query.health = health as Health;
    else errors.push({ field: 'health', message: `health must be one of ${HEALTHS.join(', ')}` });
  }
  for (const name of ['closedFrom', 'closedTo'] as const) {
    const v = get(name);
    if (v === undefined) continue;
    const problem = businessDateError(v);
    if (problem) errors.push({ field: name, message: `${name} ${problem}` });
    else query[name] = v;
  }
  if (query.closedFrom && query.closedTo && query.closedFrom > query.closedTo) {
    errors.push({ field: 'closedTo', message: 'closedTo must not be before closedFrom' });
    query.closedTo = null;
  }
  const sort = get('sort');
  if (sort !== undefined) {
    if (isCardListSort(sort)) query.sort = sort;
    else
      errors.push({ field: 'sort', message: `sort must be one of ${CARD_LIST_SORT_FIELDS.join(', ')}, each optionally with a leading -` });
  }
  const cursor = get('cursor');
  if (cursor !== undefined) {
    if (cursor.length <= CARD_LIST_CURSOR_MAX) query.cursor = cursor;
    else errors.push({ field: 'cursor', message: 'cursor must be a nextCursor from a previous page' });
  }
  const limit = get('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (/^\d+$/.test(limit) && n >= 1 && n <= CARD_LIST_MAX_LIMIT) query.limit = n;
    else errors.push({ field: 'limit', message: `limit must be a whole number from 1 to ${CARD_LIST_MAX_LIMIT}` });
  }
  return { query, errors };
}

/** Which parts to write: the filters alone (a link, the export) or with the page (`cursor`, `limit`). */
export interface CardListParamsOptions {
  paging?: boolean;
}

/**
 * Writes a list query as URL parameters (`new URLSearchParams(cardListParams(q))`), leaving out what equals its
 * default so links stay short; the order is fixed, so equal queries give equal strings. parseCardListQuery reads
 * it back to the same query.
 */
export function cardListParams(query: Partial<CardListQuery>, { paging = false }: CardListParamsOptions = {}): Record<string, string> {
  const full = { ...DEFAULT_CARD_LIST_QUERY, ...query };
  const out: Record<string, string> = {};
  const set = (name: string, value: string) => {
    out[name] = value;
  };
  if (full.q.trim() !== '') set('q', full.q.trim());
  if (full.status !== CARD_LIST_DEFAULT_STATUS) set('status', full.status);
  if (full.lane) set('lane', full.lane);
  if (full.segment) set('segment', full.segment);
  if (full.health) set('health', full.health);
  if (full.closedFrom) set('closedFrom', full.closedFrom);
  if (full.closedTo) set('closedTo', full.closedTo);
  if (full.sort !== CARD_LIST_DEFAULT_SORT) set('sort', full.sort);
  if (paging) {
    if (full.cursor) set('cursor', full.cursor);
    if (full.limit !== CARD_LIST_DEFAULT_LIMIT) set('limit', String(full.limit));
  }
  return out;
}

/** The parameter names the list query uses (a page's URL may carry others, e.g. `view` and `card`). */
export const CARD_LIST_PARAM_NAMES = [
  'q',
  'status',
  'lane',
  'segment',
  'health',
  'closedFrom',
  'closedTo',
  'sort',
  'cursor',
  'limit',
] as const;
