import { useMemo } from 'react';
import { isAdmin, type Lane, type User } from '@relay/shared';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { setParams, useSearch } from '../../utils/url-state';
import { AuditLog } from './AuditLog';
import { DepartmentsPanel } from './DepartmentsPanel';
import { LanesPanel } from './LanesPanel';
import { PeoplePanel } from './PeoplePanel';
import { SettingsPanel } from './SettingsPanel';
import { useDepartments } from './use-departments';
import './admin.css';

const SECTIONS = [
  { id: 'lanes', title: 'Lanes & checklists' },
  { id: 'people', title: 'People' },
  { id: 'departments', title: 'Departments' },
  { id: 'settings', title: 'Settings' },
  { id: 'audit', title: 'Audit log' },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

interface Props {
  /** The live board's lanes: refetched when any admin changes lanes or checklists (`board.changed`). */
  lanes: readonly Lane[];
  user: User;
}

/** Admin settings: lanes and their checklists, people, departments and the audit log of every change. */
export function AdminView({ lanes, user }: Props) {
  if (!isAdmin(user)) return <EmptyState>Only admins can change Relay&apos;s settings.</EmptyState>;
  return <AdminSettings lanes={lanes} user={user} />;
}

function AdminSettings({ lanes, user }: Props) {
  const requested = useSearch().get('section');
  const section: Section = SECTIONS.some((s) => s.id === requested) ? (requested as Section) : 'lanes';
  // Content, not identity: the board refetches lanes after every settings change, including department ones.
  const lanesKey = useMemo(() => JSON.stringify(lanes), [lanes]);
  const departments = useDepartments(lanesKey);
  const names = useMemo(() => {
    const out: Record<string, string> = { ...departments.names };
    for (const lane of lanes) {
      out[lane.key] = lane.name;
      for (const item of lane.checklist) out[item.id] = item.label;
    }
    return out;
  }, [lanes, departments.names]);

  let body;
  if (section === 'audit') body = <AuditLog names={names} refreshKey={lanesKey} />;
  else if (section === 'settings') body = <SettingsPanel />;
  else if (departments.error && !departments.data)
    body = <ErrorState text={`Departments could not be loaded: ${departments.error}`} onRetry={() => void departments.reload()} />;
  else if (!departments.data) body = <LoadingState text="Loading settings…" />;
  else if (section === 'people') body = <PeoplePanel departments={departments.data} departmentNames={departments.names} me={user} />;
  else if (section === 'departments') body = <DepartmentsPanel departments={departments.data} reload={departments.reload} />;
  else body = <LanesPanel lanes={lanes} departments={departments.data} departmentNames={departments.names} />;

  return (
    <div className="admin">
      <nav className="admin-nav" aria-label="Admin sections">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`tab ${section === s.id ? 'is-active' : ''}`}
            aria-current={section === s.id ? 'page' : undefined}
            onClick={() => setParams({ section: s.id === 'lanes' ? null : s.id, lane: null }, true)}
          >
            {s.title}
          </button>
        ))}
      </nav>
      <div className="admin-body">{body}</div>
    </div>
  );
}
