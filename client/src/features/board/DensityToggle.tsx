import { useEffect } from 'react';
import type { User } from '@relay/shared';
import { useDensity } from './density-store';

/** "Compact": every lane of the pipeline on one screen; remembered per person. */
export function DensityToggle({ user }: { user: User }) {
  const compact = useDensity((s) => s.density === 'compact');
  const loadedFor = useDensity((s) => s.userId);
  useEffect(() => {
    if (loadedFor !== user.id) useDensity.getState().load(user.id);
  }, [loadedFor, user.id]);
  return (
    <button
      type="button"
      className={`chip-toggle density-toggle ${compact ? 'is-on' : ''}`}
      aria-pressed={compact}
      onClick={() => useDensity.getState().set(compact ? 'comfortable' : 'compact')}
    >
      Compact
    </button>
  );
}
