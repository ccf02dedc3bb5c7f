import { useState } from 'react';
import { adminApi } from '../../api/admin';
import { ErrorState, LoadingState } from '../../ui/states';
import { useLoad } from './use-load';
import { auditChanges, describeAudit, fieldName } from './utils/audit';

const PAGE = 100;
const MOST = 500;

interface Props {
  /** Ids and keys to names (lanes, items, departments), so entries read as words. */
  names: Record<string, string>;
  /** Changes when lanes or checklists change, to read the log again. */
  refreshKey: string;
}

/** Who changed which setting, when, before and after: newest first. */
export function AuditLog({ names, refreshKey }: Props) {
  const [limit, setLimit] = useState(PAGE);
  const log = useLoad(() => adminApi.audit(limit), `${limit}:${refreshKey}`);
  return (
    <section className="panel" aria-labelledby="audit-title">
      <header className="section-header">
        <h2 id="audit-title">Audit log</h2>
        <button type="button" className="button button-small" onClick={() => void log.reload()} disabled={log.loading}>
          {log.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      <p className="muted small">Every change to lanes, checklists and departments: who made it, when, and what it was before and after.</p>
      {log.error && !log.data ? (
        <ErrorState text={`The audit log could not be loaded: ${log.error}`} onRetry={() => void log.reload()} />
      ) : !log.data ? (
        <LoadingState text="Loading the audit log…" />
      ) : log.data.length === 0 ? (
        <p className="muted">No settings have been changed yet.</p>
      ) : (
        <>
          <ol className="audit-list" aria-label="Changes, newest first">
            {log.data.map((entry) => {
              const changes = auditChanges(entry, names);
              return (
                <li key={entry.id} className="audit-entry">
                  <div className="audit-head">
                    <span>
                      <strong>{entry.actor?.name ?? 'Someone'}</strong> {describeAudit(entry, names)}
                    </span>
                    <time className="muted small" dateTime={entry.at}>
                      {new Date(entry.at).toLocaleString()}
                    </time>
                  </div>
                  {changes.length > 0 && (
                    <table className="audit-changes">
                      <thead className="visually-hidden">
                        <tr>
                          <th scope="col">Field</th>
                          <th scope="col">Before</th>
                          <th scope="col">After</th>
                        </tr>
                      </thead>
                      <tbody>
                        {changes.map((c) => (
                          <tr key={c.field}>
                            <th scope="row">{fieldName(c.field)}</th>
                            <td className="audit-before">{c.before}</td>
                            <td className="audit-after">
                              <span aria-hidden="true">→ </span>
                              {c.after}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </li>
              );
            })}
          </ol>
          {log.data.length >= limit && limit < MOST && (
            <button type="button" className="button" onClick={() => setLimit((l) => Math.min(MOST, l + PAGE))}>
              Show older changes
            </button>
          )}
        </>
      )}
    </section>
  );
}
