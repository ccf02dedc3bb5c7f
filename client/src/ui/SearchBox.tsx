import { useEffect, useRef, useState } from 'react';

interface Props {
  /** The search in effect (the URL's). */
  value: string;
  /** Called once typing pauses for `delayMs` with the text typed. */
  onSearch(text: string): void;
  delayMs?: number;
  placeholder: string;
  label: string;
}

/** A search field that follows the URL and reports what is typed once typing pauses (debounced). */
export function SearchBox({ value, onSearch, delayMs = 200, placeholder, label }: Props) {
  const [text, setText] = useState(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const t = setTimeout(() => onSearchRef.current(text), delayMs);
    return () => clearTimeout(t);
  }, [text, value, delayMs]);
  return (
    <input
      type="search"
      className="search"
      placeholder={placeholder}
      aria-label={label}
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}
