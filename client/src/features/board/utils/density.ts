import type { Lane } from '@relay/shared';

export type Density = 'comfortable' | 'compact';

/** Each person's choice is remembered in this browser under their own key. */
export const densityKey = (userId: string) => `relay.density.${userId}`;

export function readDensity(storage: Pick<Storage, 'getItem'> | undefined, userId: string): Density {
  try {
    return storage?.getItem(densityKey(userId)) === 'compact' ? 'compact' : 'comfortable';
  } catch {
    return 'comfortable';
  }
}

export function writeDensity(storage: Pick<Storage, 'setItem'> | undefined, userId: string, density: Density): void {
  try {
    storage?.setItem(densityKey(userId), density);
  } catch {
    // Storage full or refused (private mode): the choice lasts this visit only.
  }
}

/**
 * In the compact board, empty lanes and Done start as a narrow column with their count; `toggled` holds the
 * lanes the person opened or closed by hand since.
 */
export function isCollapsed(lane: Pick<Lane, 'id' | 'terminal'>, count: number, compact: boolean, toggled: ReadonlySet<string>): boolean {
  if (!compact) return false;
  const byDefault = lane.terminal || count === 0;
  return toggled.has(lane.id) ? !byDefault : byDefault;
}
