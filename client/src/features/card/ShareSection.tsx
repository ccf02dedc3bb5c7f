import { useCallback, useEffect, useState } from 'react';
import type { Card, ShareCreated, ShareInfo } from '@relay/shared';
import { errorMessage } from '../../api/http';
import { shareApi } from '../../api/track';
import { toast } from '../../ui/toast-store';

const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : 'never');

/**
 * "Share with customer": the card's tracker link — made (and shown once), copied or emailed to the contact,
 * with when it expires and how often it was opened, and revoked at once.
 */
export function ShareSection({ card, canShare }: { card: Card; canShare: boolean }) {
  const [info, setInfo] = useState<ShareInfo | null>(null);
  const [created, setCreated] = useState<ShareCreated | null>(null);
  const [days, setDays] = useState<number>(90);
  const [email, setEmail] = useState(false);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setInfo(await shareApi.info(card.id));
    } catch {
      setInfo(null);
    }
  }, [card.id]);
  useEffect(() => {
    void refresh();
  }, [refresh, card.version]);

  async function create() {
    setBusy(true);
    try {
      const made = await shareApi.create(card.id, { expiresInDays: days, email });
      setCreated(made);
      toast.success(made.emailed ? `Link created and emailed to ${card.contactName}` : 'Link created');
      await refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!window.confirm(`Revoke the link? ${card.contactName} will no longer see this page.`)) return;
    setBusy(true);
    try {
      await shareApi.revoke(card.id);
      setCreated(null);
      toast.success('Link revoked');
      await refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      toast.success('Link copied');
    } catch {
      toast.error('Could not copy: select the link and copy it by hand');
    }
  }

  const active = info?.active ?? false;
  return (
    <div className="share-section" data-share-active={active}>
      {info && (
        <p className="muted share-status">
          {active ? (
            <>
              Link active · expires {when(info.expiresAt)} · last opened {when(info.lastViewedAt)} · {info.views}{' '}
              {info.views === 1 ? 'view' : 'views'}
            </>
          ) : (
            'No active link: the customer cannot see this card.'
          )}
        </p>
      )}
      {created && (
        <div className="share-created">
          <label className="share-url">
            <span>Link for {card.contactName} (shown only now)</span>
            <input readOnly value={created.url} onFocus={(e) => e.target.select()} />
          </label>
          <button type="button" className="button button-small" onClick={() => void copy(created.url)}>
            Copy link
          </button>
        </div>
      )}
      {canShare && (
        <div className="share-controls">
          <label className="inline-field">
            <span>Works for</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {EXPIRY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </label>
          <label className="share-email">
            <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
            <span>
              Email it to {card.contactName} ({card.contactEmail})
            </span>
          </label>
          <div className="share-buttons">
            <button type="button" className="button button-primary button-small" disabled={busy} onClick={() => void create()}>
              {active ? 'Replace the link' : 'Create link'}
            </button>
            {active && (
              <button type="button" className="button button-small share-revoke" disabled={busy} onClick={() => void revoke()}>
                Revoke link
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
