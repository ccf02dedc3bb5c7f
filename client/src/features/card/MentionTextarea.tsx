import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from 'react';
import type { User } from '@relay/shared';
import { insertMention, matchPeople, mentionAt, mentionCandidates, type MentionCandidate } from './utils/mentions';
import './handoffs.css';

interface MentionTextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'role'> {
  value: string;
  onChange(value: string): void;
  people: readonly User[];
}

/**
 * A textarea that offers people to @mention: typing `@` and letters opens a listbox of matches
 * (by name or handle); arrows move, Enter or Tab writes `@handle `, Escape closes it.
 * The text keeps plain `@handle` tokens, which is what the server reads.
 */
export function MentionTextarea({ value, onChange, people, onKeyDown, onBlur, onFocus, ...rest }: MentionTextareaProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(0);
  // The `@` whose list was closed with Escape: stays closed until the caret leaves that mention.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const candidates = useMemo(() => mentionCandidates(people), [people]);
  const query = focused ? mentionAt(value, caret) : null;
  const typed = query?.query ?? null;
  const matches = useMemo(() => (typed === null ? [] : matchPeople(candidates, typed)), [candidates, typed]);
  const open = !!query && query.start !== dismissed && matches.length > 0;
  const index = Math.min(active, matches.length - 1);
  const optionId = (c: MentionCandidate) => `${listId}-option-${c.id}`;

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [value]);

  const track = (el: HTMLTextAreaElement) => {
    setCaret(el.selectionStart ?? el.value.length);
    if (!mentionAt(el.value, el.selectionStart ?? el.value.length)) setDismissed(null);
  };

  function choose(c: MentionCandidate) {
    if (!query) return;
    const next = insertMention(value, query, c.handle);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    setActive(0);
    onChange(next.text);
  }

  function handleKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      const n = matches.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((index + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        choose(matches[index]!);
        return;
      }
      if (e.key === 'Escape') {
        // Closes the list only: the drawer around it stays open.
        e.preventDefault();
        e.stopPropagation();
        setDismissed(query.start);
        return;
      }
    }
    onKeyDown?.(e);
  }

  return (
    <div className="mention-box">
      <textarea
        {...rest}
        ref={ref}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(matches[index]!) : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          setActive(0);
          track(e.target);
        }}
        onSelect={(e) => track(e.currentTarget)}
        onKeyDown={handleKey}
        onFocus={(e) => (setFocused(true), track(e.currentTarget), onFocus?.(e))}
        onBlur={(e) => (setFocused(false), onBlur?.(e))}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list">
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={optionId(c)}
              role="option"
              aria-selected={i === index}
              className={`mention-option ${i === index ? 'is-active' : ''}`}
              // Keeps focus (and the caret) in the textarea.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(c)}
            >
              <span className="mention-name">{c.name}</span>
              <span className="mention-handle">@{c.handle}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
