import { RISK_FLAGS, isManager, type RiskFlag, type User } from '@relay/shared';
import { SearchBox } from '../../ui/SearchBox';
import { setParams } from '../../utils/url-state';
import { DensityToggle } from './DensityToggle';
import { filterParams, hasFilters, type BoardFilters } from './utils/filters';

/** The board's filters; they live in the URL so a filtered board can be shared. */
interface Props {
  filters: BoardFilters;
  user: User;
  shown: number;
  total: number;
  /** Whether some lane belongs to one of the person's departments ("my department" means something). */
  hasOwnLanes: boolean;
}

export function FilterBar({ filters, user, shown, total, hasOwnLanes }: Props) {
  const toggle = (key: 'myDepartment' | 'assignedToMe' | 'atRisk' | 'stuck', label: string) => (
    <button
      type="button"
      className={`chip-toggle ${filters[key] ? 'is-on' : ''}`}
      aria-pressed={filters[key]}
      onClick={() => setParams(filterParams({ [key]: !filters[key] }))}
    >
      {label}
    </button>
  );
  const active = hasFilters(filters);
  return (
    <div className="filter-bar" role="search" aria-label="Filter the board">
      <SearchBox
        value={filters.search}
        onSearch={(search) => setParams(filterParams({ search }))}
        placeholder="Search customers"
        label="Search by customer"
      />
      {hasOwnLanes && toggle('myDepartment', 'My department')}
      {toggle('assignedToMe', 'Assigned to me')}
      {toggle('atRisk', 'At risk')}
      {toggle('stuck', isManager(user) ? 'Stuck only' : 'Stuck')}
      <label className="inline-field">
        <span className="visually-hidden">Risk flag</span>
        <select
          aria-label="Risk flag"
          value={filters.flag ?? ''}
          onChange={(e) => setParams(filterParams({ flag: (e.target.value || null) as RiskFlag | null }))}
        >
          <option value="">Any flag</option>
          {RISK_FLAGS.map((f) => (
            <option key={f} value={f}>
              {f} flag
            </option>
          ))}
        </select>
      </label>
      {active && (
        <>
          <span className="muted small" role="status">
            {shown} of {total} cards
          </span>
          <button
            type="button"
            className="link-button"
            onClick={() =>
              setParams(filterParams({ myDepartment: false, assignedToMe: false, atRisk: false, stuck: false, flag: null, search: '' }))
            }
          >
            Clear filters
          </button>
        </>
      )}
      <DensityToggle user={user} />
    </div>
  );
}
