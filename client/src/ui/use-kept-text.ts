import { useCallback, useEffect, useState } from 'react';

const storage = (): Storage | undefined => {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
};

/** Reads a kept text (empty when none, or when storage refuses). */
export function readKept(key: string | null): string {
  if (!key) return '';
  try {
    return storage()?.getItem(key) ?? '';
  } catch {
    return '';
  }
}

/**
 * Text typed into a box, kept in this browser under `key` as it is typed (null: not kept), so closing the
 * card, a click elsewhere or a reload loses nothing; `clear` forgets it once it has been sent.
 */
export function useKeptText(key: string | null): [string, (v: string) => void, () => void, boolean] {
  const [value, setValue] = useState(() => readKept(key));
  const [restored] = useState(() => readKept(key) !== '');
  useEffect(() => {
    if (!key) return;
    try {
      if (value === '') storage()?.removeItem(key);
      else storage()?.setItem(key, value);
    } catch {
      // Storage full or refused: the box still works, it just is not kept.
    }
  }, [key, value]);
  const clear = useCallback(() => setValue(''), []);
  return [value, setValue, clear, restored];
}
