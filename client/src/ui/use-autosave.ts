import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../api/http';
import { isDirty, loadEdit, rebase, saveEdit, type KeptEdit } from './utils/kept-edit';

/** How long typing pauses before what was typed is saved. */
export const AUTOSAVE_MS = 800;

/**
 * - `pending`: typed, saved once typing pauses; `saving`: sent; `saved`: the server has it;
 * - `invalid`: not sent, the rule's `error` says why (an incomplete date, a missing reason);
 * - `failed`: sent and refused or unanswered (`error`); `conflict`: someone changed it meanwhile (what was
 *   typed is kept, over their version, for a retry or a discard).
 */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'failed' | 'conflict';

const storage = (): Storage | undefined => {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
};

interface Options<T> {
  /** Where the edit is kept in this browser until the server has it (null: not kept). */
  storageKey: string | null;
  /** The server's value. */
  saved: T;
  /** Why the draft may not be sent yet, or null. */
  problem?(draft: T): string | null;
  /** Sends the draft; rejects when refused (a VERSION_CONFLICT reads as a conflict). */
  save(draft: T): Promise<void>;
  delayMs?: number;
}

export interface Autosave<T> {
  draft: T;
  set(next: T): void;
  status: SaveStatus;
  error: string | null;
  /** Saves now (Enter, a Save button, a retry). */
  flush(): void;
  /** Drops what was typed and shows the server's value. */
  discard(): void;
}

/**
 * Saves what is typed once typing pauses, keeps it in this browser until the server has it, saves what is
 * still waiting when the field goes away (the drawer closed mid-word), and restores it after a reload; an
 * edit kept over a value that has changed since is shown as a conflict, never dropped.
 */
export function useAutosave<T>({ storageKey, saved, problem, save, delayMs = AUTOSAVE_MS }: Options<T>): Autosave<T> {
  const [initial] = useState(() => {
    const kept = storageKey ? loadEdit(storage(), storageKey, saved) : null;
    if (!kept) return { edit: { base: saved, draft: saved }, status: 'idle' as SaveStatus };
    const unchanged = JSON.stringify(kept.base) === JSON.stringify(saved);
    return { edit: rebase(kept, saved), status: (unchanged ? 'pending' : 'conflict') as SaveStatus };
  });
  const [edit, setEdit] = useState<KeptEdit<T>>(initial.edit);
  const [status, setStatusState] = useState<SaveStatus>(initial.status);
  const statusRef = useRef(status);
  const setStatus = useCallback((next: SaveStatus | ((s: SaveStatus) => SaveStatus)) => {
    statusRef.current = typeof next === 'function' ? next(statusRef.current) : next;
    setStatusState(statusRef.current);
  }, []);
  const [error, setError] = useState<string | null>(null);
  const editRef = useRef(edit);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const latest = useRef({ save, problem, storageKey, delayMs });
  latest.current = { save, problem, storageKey, delayMs };

  const commit = useCallback((next: KeptEdit<T>) => {
    editRef.current = next;
    setEdit(next);
    const key = latest.current.storageKey;
    if (key) saveEdit(storage(), key, next);
  }, []);

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const attempt = useCallback(async (): Promise<void> => {
    stopTimer();
    const current = editRef.current;
    const { save: send, problem: why, storageKey: key } = latest.current;
    if (!isDirty(current)) {
      setStatus((s) => (s === 'pending' || s === 'invalid' ? 'idle' : s));
      return;
    }
    const refusal = why?.(current.draft) ?? null;
    if (refusal) {
      setStatus('invalid');
      setError(refusal);
      return;
    }
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setStatus('saving');
    setError(null);
    const sent = current.draft;
    try {
      await send(sent);
      // The server has `sent`: only what was typed after it is still an edit.
      const after = { base: sent, draft: editRef.current.draft };
      editRef.current = after;
      setEdit(after);
      if (key) saveEdit(storage(), key, after);
      setStatus(isDirty(after) ? 'pending' : 'saved');
      if (isDirty(after)) again.current = true;
    } catch (err) {
      const conflict = isApiError(err) && err.code === 'VERSION_CONFLICT';
      setStatus(conflict ? 'conflict' : 'failed');
      setError(conflict ? null : errorMessage(err));
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        timer.current = setTimeout(() => void attempt(), latest.current.delayMs);
      }
    }
  }, [setStatus]);

  const set = useCallback(
    (draft: T) => {
      commit({ base: editRef.current.base, draft });
      stopTimer();
      if (!isDirty(editRef.current)) {
        setStatus('idle');
        setError(null);
        return;
      }
      // After a conflict, what is typed waits for an explicit retry (or discard) rather than overwriting theirs.
      if (statusRef.current === 'conflict') return;
      setStatus('pending');
      timer.current = setTimeout(() => void attempt(), latest.current.delayMs);
    },
    [attempt, commit, setStatus],
  );

  // The server's value moved (an answer, someone else's change): what was typed stays on top of it.
  const savedJson = JSON.stringify(saved);
  useEffect(() => {
    const current = editRef.current;
    if (JSON.stringify(current.base) === savedJson) return;
    commit(rebase(current, JSON.parse(savedJson) as T));
  }, [savedJson, commit]);

  // A restored edit over an unchanged value is saved as if just typed.
  useEffect(() => {
    if (initial.status === 'pending') timer.current = setTimeout(() => void attempt(), latest.current.delayMs);
  }, [initial.status, attempt]);

  // Going away (the drawer closed) with a save still waiting: send it now; it stays kept until answered.
  useEffect(
    () => () => {
      if (timer.current) void attempt();
    },
    [attempt],
  );

  const discard = useCallback(() => {
    stopTimer();
    commit({ base: editRef.current.base, draft: editRef.current.base });
    setStatus('idle');
    setError(null);
  }, [commit, setStatus]);

  return { draft: edit.draft, set, status, error, flush: () => void attempt(), discard };
}
