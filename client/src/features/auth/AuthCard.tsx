import type { FormEvent, ReactNode } from 'react';
import { useDocumentTitle } from '../../ui/use-document-title';

interface Props {
  /** The heading's id, which also names the form. */
  titleId: string;
  title: string;
  onSubmit(e: FormEvent): void;
  /** The form's error, shown above the submit button as an alert. */
  error: string | null;
  busy: boolean;
  /** Whether the fields are filled enough to try. */
  ready: boolean;
  submitLabel: string;
  /** The fields, and any note above them. */
  children: ReactNode;
  /** Shown under the submit button, e.g. a way out. */
  after?: ReactNode;
  /** The window's title (default: the submit label, e.g. "Sign in"). */
  pageTitle?: string;
}

/** The centred card of the signed-out pages: brand, title, the fields, the form's error and one button that signs in. */
export function AuthCard({ titleId, title, onSubmit, error, busy, ready, submitLabel, children, after, pageTitle }: Props) {
  useDocumentTitle(pageTitle ?? submitLabel);
  return (
    <main className="signin">
      <form className="signin-card" onSubmit={onSubmit} aria-labelledby={titleId} noValidate>
        <div className="brand brand-large" aria-hidden="true">
          Relay
        </div>
        <h1 id={titleId}>{title}</h1>
        {children}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !ready}>
          {busy ? 'Signing in…' : submitLabel}
        </button>
        {after}
      </form>
    </main>
  );
}
