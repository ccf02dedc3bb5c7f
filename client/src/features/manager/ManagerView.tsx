import { useCallback, useEffect, useState } from 'react';
import { formatDuration, type MetricsResponse, type StuckCard } from '@relay/shared';
import { managerApi } from '../../api/people';
import { errorMessage } from '../../api/http';
import { useBoardStore } from '../../realtime/board-store';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { openCard } from '../../utils/url-state';

const num = (v: number | null | undefined, digits = 1) =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits).replace(/\.0$/, '') : '—';

/** For senior managers: load and time per lane, and the stuck cards, most overdue first. */
export function ManagerView() {
  const [metrics, setMetrics] = useState<MetricsResponse | null>(null);
  const [stuck, setStuck] = useState<StuckCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useBoardStore((s) => s.data?.seq ?? 0);
  const lanes = useBoardStore((s) => s.data?.lanes ?? []);

  const load = useCallback(async () => {
    try {
      const [m, s] = await Promise.all([managerApi.metrics(), managerApi.stuck()]);
      setMetrics(m);
      setStuck([...s].sort((a, b) => b.overdueMinutes - a.overdueMinutes));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  // Refresh as the board changes, at most every few seconds.
  useEffect(() => {
    const t = setTimeout(() => void load(), metrics ? 3000 : 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seq, load]);

  if (error && !metrics) return <ErrorState text={error} onRetry={() => void load()} />;
  if (!metrics || !stuck) return <LoadingState text="Loading metrics…" />;
  const laneName = (id: string) => lanes.find((l) => l.id === id)?.name ?? '';
  return (
    <div className="manager">
      <section className="panel" aria-labelledby="m-pipeline">
        <h2 id="m-pipeline">Pipeline</h2>
        <div className="stats">
          <div className="stat">
            <span className="stat-value">{num(metrics.pipeline?.medianDaysToDone)}</span>
            <span className="muted small">median days from sale to done</span>
          </div>
          <div className="stat">
            <span className="stat-value">{metrics.pipeline?.doneLast30Days ?? '—'}</span>
            <span className="muted small">done in the last 30 days</span>
          </div>
          <div className="stat">
            <span className="stat-value">{stuck.length}</span>
            <span className="muted small">stuck now</span>
          </div>
        </div>
      </section>
      <section className="panel" aria-labelledby="m-lanes">
        <h2 id="m-lanes">Lanes</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Lane</th>
              <th scope="col">Cards</th>
              <th scope="col">At risk</th>
              <th scope="col">Stuck</th>
              <th scope="col">Median hours</th>
              <th scope="col">p90 hours</th>
            </tr>
          </thead>
          <tbody>
            {(metrics.lanes ?? []).map((l) => (
              <tr key={l.laneId ?? l.laneKey}>
                <th scope="row">{l.name ?? laneName(l.laneId)}</th>
                <td>{l.cards}</td>
                <td className={l.atRisk > 0 ? 'cell-risk' : ''}>{l.atRisk}</td>
                <td className={l.stuck > 0 ? 'cell-stuck' : ''}>{l.stuck}</td>
                <td>{num(l.medianHours)}</td>
                <td>{num(l.p90Hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="m-stuck">
        <h2 id="m-stuck">Stuck cards</h2>
        {stuck.length === 0 ? (
          <EmptyState>No stuck cards. Everything is moving within its time limits.</EmptyState>
        ) : (
          <ol className="stuck-list" aria-label="Stuck cards, most overdue first">
            {stuck.map((c) => (
              <li key={c.id}>
                <button type="button" className="stuck-row" onClick={() => openCard(c.id)}>
                  <span className="stuck-title">{c.title}</span>
                  <span className="muted">{c.laneName ?? (laneName(c.laneId) || c.laneKey)}</span>
                  <span className="muted">{c.assignee?.name ?? 'Unassigned'}</span>
                  <span className="badge badge-stuck">overdue {formatDuration(c.overdueMinutes)}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
