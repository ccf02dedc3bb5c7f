import type { NotificationKind } from '@relay/shared';

const PATHS: Record<NotificationKind, string> = {
  // An arrow into a tray: a card handed over.
  card_arrived: 'M12 3v10m0 0-4-4m4 4 4-4M4 14v5h16v-5',
  // A person.
  assigned: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0',
  // An at sign.
  mentioned: 'M16 12a4 4 0 1 1-8 0 4 4 0 0 1 8 0Zm0 0v1.5a2.5 2.5 0 0 0 5 0V12a9 9 0 1 0-3.5 7.1',
  // A clock.
  reminder: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-13v4l3 2',
  // A warning triangle.
  stuck: 'M12 4 2.5 20h19L12 4Zm0 6v4m0 3v.01',
  // Arrows up.
  escalated: 'M12 20V5m0 0-5 5m5-5 5 5M5 20h14',
  // A speech bubble.
  customer_replied: 'M4 5h16v11H9l-5 4V5Z',
};

/** A small line icon per kind of notification (decorative: the kind is also written out). */
export function KindIcon({ kind }: { kind: NotificationKind }) {
  return (
    <span className={`kind-icon kind-${kind}`} aria-hidden="true">
      <svg
        width="16"
        height="16"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={PATHS[kind] ?? PATHS.reminder} />
      </svg>
    </span>
  );
}
