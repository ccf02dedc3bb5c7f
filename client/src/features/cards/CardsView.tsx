import { useEffect, useRef, type RefObject } from 'react';
import {
  CARD_LIST_STATUSES,
  HEALTHS,
  parseCardListQuery,
  sortParts,
  type CardListItem,
  type CardListQuery,
  type CardListSortField,
  type CardListStatus,
  type Health,
  type Lane,
} from '@relay/shared';
import { cardListApi } from '../../api/card-list';
import { SearchBox } from '../../ui/SearchBox';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { openCard, setParams, useSearch } from '../../utils/url-state';
import { cardsViewParams } from './cards-url';
import { useCardList } from './use-card-list';
import './cards.css';

const STATUS_LABELS: Record<CardListStatus, string> = { open: 'Open', closed: 'Closed', all: 'All' };
const HEALTH_LABELS: Record<Health, string> = { ok: 'On track', at_risk: 'At risk', stuck: 'Stuck' };
/** The table's columns; `sort`: the server's sort key (not every column has one), and how it sorts first (dates newest first). */
const COLUMNS: { label: string; sort?: CardListSortField; firstDescending?: boolean }[] = [
  { label: 'Customer', sort: 'customer' },
  { label: 'Contact' },
  { label: 'Lane', sort: 'lane' },
  { label: 'Health', sort: 'health' },
  { label: 'Assignee' },
  { label: 'Created', sort: 'created', firstDescending: true },
  { label: 'Closed', sort: 'closed', firstDescending: true },
  { label: 'Go-live' },
];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
/** A timestamp's day, or a YYYY-MM-DD date as written (no time zone shifts it). */
function formatDay(value: string | null): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

interface Props {
  lanes: readonly Lane[];
}

/** Every onboarding, open or closed, as a table: searched, filtered and sorted on the server, the whole state in the URL. */
export function CardsView({ lanes }: Props) {
  const search = useSearch();
  const { query } = parseCardListQuery(search);
  const list = useCardList(query);
  const moreRef = useRef<HTMLDivElement>(null);
  useLoadOnScroll(moreRef, list);
  const change = (patch: Partial<CardListQuery>) => setParams(cardsViewParams({ ...query, ...patch, cursor: null }));
  const filtered =
    query.q !== '' || query.status !== 'all' || !!query.lane || !!query.segment || !!query.health || !!query.closedFrom || !!query.closedTo;
  const laneName = (item: CardListItem) => lanes.find((l) => l.id === item.laneId || l.key === item.laneKey)?.name ?? item.laneKey;

  let body;
  if (list.status === 'error')
    body = <ErrorState text={`The cards could not be loaded: ${list.error ?? 'unknown error'}`} onRetry={list.reload} />;
  else if (list.status === 'loading' && list.items.length === 0) body = <LoadingState text="Loading the cards…" />;
  else if (list.items.length === 0)
    body = <EmptyState>{filtered ? 'No cards match these filters.' : 'There are no onboardings yet.'}</EmptyState>;
  else
    body = (
      <>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Cards">
          <table className="table cards-table" aria-busy={list.status === 'loading' || undefined}>
            <caption className="visually-hidden">Onboardings; choose a customer to open its card.</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) =>
                  c.sort ? (
                    <SortHeader
                      key={c.label}
                      label={c.label}
                      field={c.sort}
                      firstDescending={!!c.firstDescending}
                      sort={query.sort}
                      onSort={(sort) => change({ sort })}
                    />
                  ) : (
                    <th key={c.label} scope="col" className="cards-th-plain">
                      {c.label}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id} className="cards-row" data-card-id={item.id} onClick={() => openCard(item.id)}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={(e) => (e.stopPropagation(), openCard(item.id))}>
                      {item.customerName}
                    </button>
                  </th>
                  <td>
                    {item.contactName}
                    <span className="muted small cards-email">{item.contactEmail}</span>
                  </td>
                  <td>{laneName(item)}</td>
                  <td
                    className={item.closedAt ? '' : item.health === 'stuck' ? 'cell-stuck' : item.health === 'at_risk' ? 'cell-risk' : ''}
                  >
                    {item.closedAt ? 'Closed' : HEALTH_LABELS[item.health]}
                  </td>
                  <td>{item.assignee?.name ?? <span className="muted">Unassigned</span>}</td>
                  <td>{formatDay(item.createdAt)}</td>
                  <td>{formatDay(item.closedAt)}</td>
                  <td>{formatDay(item.goLiveDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="cards-more" ref={moreRef}>
          <span className="muted small" role="status">
            {list.items.length} {list.items.length === 1 ? 'card' : 'cards'}
            {list.nextCursor ? ' shown, more to load' : ''}
          </span>
          {list.error && (
            <span className="field-error" role="alert">
              The next cards could not be loaded: {list.error}
            </span>
          )}
          {list.nextCursor && (
            <button type="button" className="button" disabled={list.loadingMore} onClick={list.loadMore}>
              {list.loadingMore ? 'Loading…' : list.error ? 'Try again' : 'Load more'}
            </button>
          )}
        </div>
      </>
    );

  return (
    <div className="cards-view">
      <CardsFilters query={query} lanes={lanes} filtered={filtered} onChange={change} />
      {body}
    </div>
  );
}

interface FiltersProps {
  query: CardListQuery;
  lanes: readonly Lane[];
  filtered: boolean;
  onChange(patch: Partial<CardListQuery>): void;
}

function CardsFilters({ query, lanes, filtered, onChange }: FiltersProps) {
  return (
    <div className="filter-bar cards-filters" role="search" aria-label="Filter the cards">
      <SearchBox
        value={query.q}
        onSearch={(q) => onChange({ q })}
        delayMs={250}
        placeholder="Search customers, contacts, notes"
        label="Search customers, contacts, addresses and notes"
      />
      <div className="segmented" role="group" aria-label="Status">
        {CARD_LIST_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip-toggle ${query.status === s ? 'is-on' : ''}`}
            aria-pressed={query.status === s}
            onClick={() => onChange({ status: s })}
          >
            {STATUS_LABELS[s]}
          </button>
        ))}
      </div>
      <select aria-label="Lane" value={query.lane ?? ''} onChange={(e) => onChange({ lane: e.target.value || null })}>
        <option value="">Any lane</option>
        {lanes.map((l) => (
          <option key={l.id} value={l.key}>
            {l.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Health"
        value={query.health ?? ''}
        onChange={(e) => onChange({ health: (e.target.value || null) as Health | null })}
      >
        <option value="">Any health</option>
        {HEALTHS.map((h) => (
          <option key={h} value={h}>
            {HEALTH_LABELS[h]}
          </option>
        ))}
      </select>
      <label className="inline-field">
        <span className="small">Closed from</span>
        <input
          type="date"
          value={query.closedFrom ?? ''}
          max={query.closedTo ?? undefined}
          onChange={(e) => onChange({ closedFrom: e.target.value || null })}
        />
      </label>
      <label className="inline-field">
        <span className="small">to</span>
        <input
          type="date"
          value={query.closedTo ?? ''}
          min={query.closedFrom ?? undefined}
          onChange={(e) => onChange({ closedTo: e.target.value || null })}
        />
      </label>
      {filtered && (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange({ q: '', status: 'all', lane: null, segment: null, health: null, closedFrom: null, closedTo: null })}
        >
          Clear filters
        </button>
      )}
      <span className="spacer" />
      <a className="button" href={cardListApi.exportHref(query)} download>
        Export CSV
      </a>
    </div>
  );
}

interface SortHeaderProps {
  label: string;
  field: CardListSortField;
  firstDescending: boolean;
  sort: CardListQuery['sort'];
  onSort(sort: CardListQuery['sort']): void;
}

/** A column header that sorts by its column; a second click turns the order round. */
function SortHeader({ label, field, firstDescending, sort, onSort }: SortHeaderProps) {
  const current = sortParts(sort);
  const active = current.field === field;
  const descending = active ? !current.descending : firstDescending;
  return (
    <th scope="col" aria-sort={active ? (current.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(descending ? `-${field}` : field)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (current.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );
}

/** Infinite scroll: the next page comes when the end of the list scrolls into view (the button stays for keyboards). */
function useLoadOnScroll(ref: RefObject<HTMLElement | null>, list: ReturnType<typeof useCardList>) {
  const more = list.status === 'ready' && !!list.nextCursor && !list.loadingMore && !list.error;
  const loadMore = list.loadMore;
  useEffect(() => {
    const el = ref.current;
    if (!more || !el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, more, loadMore, list.items.length]);
}
