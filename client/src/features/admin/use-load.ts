import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/http';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Reads again, keeping what is shown until the answer arrives. */
  reload(): Promise<void>;
}

/** Reads with `load` now and whenever `key` changes; a late answer to an older key is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loadRef.current();
      if (ticket === latest.current) setState({ data, error: null, loading: false });
    } catch (err) {
      if (ticket === latest.current) setState((s) => ({ data: s.data, error: errorMessage(err), loading: false }));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  return { ...state, reload };
}
