import { useCallback, useEffect, useRef, useState } from 'react';
import type { ItemValue, TrackMilestone, TrackRequest, TrackView } from '@relay/shared';
import { io } from 'socket.io-client';
import { ApiError, errorMessage } from '../../api/http';
import { trackApi } from '../../api/track';
import { failedWrite } from '../../ui/field-errors';
import './track.css';

type PageState =
  | { status: 'loading' }
  | { status: 'ready'; view: TrackView }
  | { status: 'ended' }
  | { status: 'error'; message: string; view: TrackView | null };

const dateText = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The customer's page (`/track/<token>`): where their onboarding is, what comes next and what we need from
 * them. No account: the link's token is the key. Live: a `/track` socket says when to fetch again.
 */
/** How long the page waits to reconnect after the server refused it for too many requests. */
const TRACK_RETRY_MS = 60_000;

export function TrackPage({ token }: { token: string }) {
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const viewRef = useRef<TrackView | null>(null);

  const load = useCallback(async () => {
    try {
      // The first load is the visit; live refetches are not counted again.
      const view = await trackApi.view(token, viewRef.current !== null);
      viewRef.current = view;
      setState({ status: 'ready', view });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setState({ status: 'ended' });
      else setState({ status: 'error', message: errorMessage(err), view: viewRef.current });
    }
  }, [token]);

  useEffect(() => {
    document.title = 'Your onboarding';
    void load();
    const socket = io('/track', { path: '/socket.io', auth: { token }, transports: ['websocket', 'polling'] });
    socket.on('track.changed', () => void load());
    socket.on('track.ended', () => setState({ status: 'ended' }));
    // Ended by the server (revoked, replaced, expired) or refused: the page asks once more and shows what it hears.
    socket.on('disconnect', (reason) => reason === 'io server disconnect' && void load());
    // Refused for too many requests from this address (a shared office connection): try again in a minute.
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on('connect_error', (err) => {
      if (err.message === 'NOT_FOUND') void load();
      else if (err.message === 'RATE_LIMITED') retry = setTimeout(() => socket.connect(), TRACK_RETRY_MS);
    });
    // Back from the background (a phone's tab asleep): catch up.
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(retry);
      socket.disconnect();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [token, load]);

  const accept = (view: TrackView) => {
    viewRef.current = view;
    setState({ status: 'ready', view });
  };

  if (state.status === 'loading')
    return (
      <main className="track">
        <p className="track-quiet" role="status">
          Loading your onboarding…
        </p>
      </main>
    );
  if (state.status === 'ended')
    return (
      <main className="track">
        <div className="track-ended" role="alert">
          <h1>This link is no longer active</h1>
          <p>Please ask your contact at our team for a new link.</p>
        </div>
      </main>
    );
  const view = state.status === 'ready' ? state.view : state.view;
  return (
    <main className="track">
      {state.status === 'error' && (
        <p className="track-error" role="alert">
          {state.message}{' '}
          <button type="button" className="track-link-button" onClick={() => void load()}>
            Try again
          </button>
        </p>
      )}
      {view && <TrackBody view={view} token={token} accept={accept} />}
    </main>
  );
}

function TrackBody({ view, token, accept }: { view: TrackView; token: string; accept: (v: TrackView) => void }) {
  const open = view.requests.filter((r) => !r.done);
  const waitingFor = open.filter((r) => r.required);
  return (
    <>
      <header className="track-header">
        <p className="track-eyebrow">Your onboarding</p>
        <h1>{view.customerName}</h1>
        <p className="track-stage" data-stage={view.stage.number}>
          Step {view.stage.number} of {view.stage.of}: <strong>{view.stage.name}</strong>
        </p>
        <div
          className="track-progress"
          role="progressbar"
          aria-label="Progress"
          aria-valuemin={0}
          aria-valuemax={view.stage.of}
          aria-valuenow={view.stage.number}
        >
          <span style={{ width: `${Math.round((view.stage.number / Math.max(1, view.stage.of)) * 100)}%` }} />
        </div>
        {view.goLiveDate && (
          <p className="track-golive">
            {view.milestones.at(-1)?.status === 'done' ? 'Live since' : 'Planned go-live'}: <strong>{dateText(view.goLiveDate)}</strong>
          </p>
        )}
      </header>

      {view.waitingOnYou && waitingFor.length > 0 && (
        <p className="track-callout" role="status">
          We are waiting for: {waitingFor.map((r) => r.label).join(', ')}
        </p>
      )}

      {view.nextAction && (
        <section className="track-card" aria-labelledby="track-next">
          <h2 id="track-next">Next from us</h2>
          <p>
            {view.nextAction.text}
            {view.nextAction.due && <span className="track-muted"> · by {dateText(view.nextAction.due)}</span>}
          </p>
        </section>
      )}

      <section className="track-card" aria-labelledby="track-need">
        <h2 id="track-need">What we need from you</h2>
        {view.requests.length === 0 ? (
          <p className="track-muted">Nothing right now. We will let you know.</p>
        ) : (
          <ul className="track-requests">
            {view.requests.map((r) => (
              <RequestItem key={r.id} request={r} token={token} accept={accept} />
            ))}
          </ul>
        )}
      </section>

      <section className="track-card" aria-labelledby="track-steps">
        <h2 id="track-steps">Your steps</h2>
        <ol className="track-milestones">
          {view.milestones.map((m, i) => (
            <Milestone key={i} milestone={m} />
          ))}
        </ol>
      </section>
      <p className="track-updated track-muted">Updated {new Date(view.updatedAt).toLocaleString()}. This page updates by itself.</p>
    </>
  );
}

const STATUS_TEXT = { done: 'Done', current: 'Now', upcoming: 'Next' } as const;

function Milestone({ milestone: m }: { milestone: TrackMilestone }) {
  return (
    <li className={`track-milestone is-${m.status}`} aria-current={m.status === 'current' ? 'step' : undefined}>
      <span className="track-dot" aria-hidden="true">
        {m.status === 'done' ? '✓' : ''}
      </span>
      <div>
        <p className="track-milestone-name">
          {m.name} <span className="track-status">{STATUS_TEXT[m.status]}</span>
        </p>
        {m.status === 'current' && m.description && <p className="track-muted">{m.description}</p>}
        <p className="track-muted track-small">
          {m.status === 'done'
            ? m.doneAt
              ? `Done ${dateText(m.doneAt)}`
              : 'Done'
            : m.targetDate
              ? `Planned by ${dateText(m.targetDate)}`
              : ''}
        </p>
      </div>
    </li>
  );
}

function valueText(r: TrackRequest): string {
  const v = r.value;
  if (v === null) return '';
  if (typeof v === 'object') return `Signed by ${v.name}`;
  if (r.kind === 'file') return r.fileName ?? 'File sent';
  if (r.kind === 'date' && typeof v === 'string') return dateText(v);
  if (r.kind === 'check') return 'Confirmed';
  return String(v);
}

function RequestItem({ request: r, token, accept }: { request: TrackRequest; token: string; accept: (v: TrackView) => void }) {
  const [editing, setEditing] = useState(!r.done);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setEditing(!r.done), [r.done]);

  async function send(action: () => Promise<TrackView>) {
    setBusy(true);
    setProblem(null);
    try {
      accept(await action());
      setEditing(false);
    } catch (err) {
      const { fields, message } = failedWrite(err);
      setProblem(fields.value ?? fields.file ?? message);
    } finally {
      setBusy(false);
    }
  }
  const answer = (value: ItemValue) => send(() => trackApi.answer(token, r.id, value));
  const upload = (file: File) => send(() => trackApi.upload(token, r.id, file));
  const inputId = `req-${r.id}`;
  return (
    <li className={`track-request${r.done ? ' is-done' : ''}`} data-request-id={r.id} data-request-label={r.label} data-kind={r.kind}>
      <div className="track-request-head">
        <label htmlFor={inputId} className="track-request-label">
          {r.label}
        </label>
        <span className={`track-pill${r.done ? ' is-done' : r.required ? '' : ' is-optional'}`}>
          {r.done ? 'Received' : r.required ? 'Needed' : 'Optional'}
        </span>
      </div>
      {r.help && <p className="track-muted track-small">{r.help}</p>}
      {r.done && !editing ? (
        <p className="track-answer">
          <span>{valueText(r)}</span>
          {r.kind !== 'signoff' && (
            <button type="button" className="track-link-button" onClick={() => setEditing(true)}>
              Change
            </button>
          )}
        </p>
      ) : (
        <RequestInput request={r} id={inputId} busy={busy} onAnswer={answer} onUpload={upload} />
      )}
      {problem && (
        <p className="track-problem" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

interface InputProps {
  request: TrackRequest;
  id: string;
  busy: boolean;
  onAnswer: (value: ItemValue) => void;
  onUpload: (file: File) => void;
}

function RequestInput({ request: r, id, busy, onAnswer, onUpload }: InputProps) {
  const initial = r.value !== null && typeof r.value !== 'object' && typeof r.value !== 'boolean' ? String(r.value) : '';
  const [text, setText] = useState(initial);
  const [name, setName] = useState('');
  const [agreed, setAgreed] = useState(false);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (r.kind === 'number') onAnswer(Number(text));
    else if (r.kind === 'check') onAnswer(true);
    else if (r.kind === 'signoff') onAnswer({ name: name.trim(), accepted: true });
    else onAnswer(text);
  };
  if (r.kind === 'file')
    return (
      <div className="track-form">
        <input
          id={id}
          type="file"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onUpload(file);
          }}
        />
        {busy && <span className="track-muted">Sending…</span>}
      </div>
    );
  const button = (label: string, disabled = false) => (
    <button type="submit" className="track-button" disabled={busy || disabled}>
      {busy ? 'Sending…' : label}
    </button>
  );
  if (r.kind === 'signoff')
    return (
      <form className="track-form" onSubmit={submit}>
        <label className="track-field">
          <span>Your full name</span>
          <input id={id} value={name} autoComplete="name" onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="track-check">
          <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
          <span>I accept the service as agreed and confirm it may start.</span>
        </label>
        {button('Sign off', !agreed || name.trim() === '')}
      </form>
    );
  if (r.kind === 'choice')
    return (
      <form className="track-form" onSubmit={submit}>
        <div role="radiogroup" aria-labelledby={`${id}-group`} className="track-choices">
          <span id={`${id}-group`} className="visually-hidden">
            {r.label}
          </span>
          {(r.options ?? []).map((o, i) => (
            <label key={o} className="track-check">
              <input id={i === 0 ? id : undefined} type="radio" name={id} checked={text === o} onChange={() => setText(o)} />
              <span>{o}</span>
            </label>
          ))}
        </div>
        {button('Send', text === '')}
      </form>
    );
  if (r.kind === 'check')
    return (
      <form className="track-form" onSubmit={submit}>
        <span id={id} />
        {button('Confirm')}
      </form>
    );
  return (
    <form className="track-form" onSubmit={submit}>
      {r.kind === 'text' ? (
        <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      ) : (
        <input id={id} type={r.kind === 'number' ? 'number' : 'date'} value={text} onChange={(e) => setText(e.target.value)} />
      )}
      {button('Send', text.trim() === '')}
    </form>
  );
}
