import type { Lane } from '@relay/shared';
import type { DepartmentInfo } from '../../api/admin';
import { setParams, useSearch } from '../../utils/url-state';
import { ChecklistEditor } from './ChecklistEditor';
import { LaneSettingsForm } from './LaneSettingsForm';
import { formatTimeLimit } from './utils/time-limit';

interface Props {
  lanes: readonly Lane[];
  departments: readonly DepartmentInfo[];
  departmentNames: Record<string, string>;
}

/** The pipeline's lanes in their fixed order; the chosen one's settings and checklist beside them. */
export function LanesPanel({ lanes, departments, departmentNames }: Props) {
  const chosenKey = useSearch().get('lane');
  const lane = lanes.find((l) => l.key === chosenKey) ?? lanes[0];
  if (!lane) return <p className="muted">The pipeline has no lanes.</p>;
  const owner = (l: Lane) => (l.terminal ? 'end of the pipeline' : (departmentNames[l.department ?? ''] ?? l.department ?? '—'));
  return (
    <div className="lanes-admin">
      <aside className="lane-picker" aria-labelledby="lanes-title">
        <h2 id="lanes-title">Lanes</h2>
        <p className="muted small" id="lanes-order-note">
          The order is fixed by the gate rules: a card moves forward one lane at a time, only when the lane&apos;s checklist is complete,
          and Done always comes last. Lanes cannot be reordered here.
        </p>
        <ol className="lane-picker-list" aria-describedby="lanes-order-note">
          {lanes.map((l, i) => (
            <li key={l.id}>
              <button
                type="button"
                className={`lane-pick ${l.id === lane.id ? 'is-active' : ''}`}
                aria-current={l.id === lane.id ? 'true' : undefined}
                onClick={() => setParams({ lane: l.key })}
              >
                <span className="lane-pick-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="lane-pick-text">
                  <span className="lane-pick-name">{l.name}</span>
                  <span className="muted small">
                    {owner(l)}
                    {l.timeLimitHours !== null && ` · ${formatTimeLimit(l.timeLimitHours)}`}
                    {!l.terminal && ` · ${l.checklist.filter((c) => !c.retired).length} items`}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      </aside>
      <div className="lane-detail">
        <section className="panel" aria-labelledby="lane-settings-title">
          <h2 id="lane-settings-title">{lane.name}</h2>
          {/* Keyed by the saved values: a change from the server (ours or another admin's) starts the form afresh. */}
          <LaneSettingsForm
            key={`${lane.id}:${lane.name}:${lane.department}:${lane.timeLimitHours}`}
            lane={lane}
            departments={departments}
          />
        </section>
        {!lane.terminal && (
          <div className="panel">
            <ChecklistEditor key={lane.id} lane={lane} />
          </div>
        )}
      </div>
    </div>
  );
}
