import { create } from 'zustand';
import { readDensity, writeDensity, type Density } from './utils/density';

interface DensityStore {
  userId: string | null;
  density: Density;
  /** Reads the signed-in person's choice. */
  load(userId: string): void;
  set(density: Density): void;
}

const storage = () => (typeof window === 'undefined' ? undefined : window.localStorage);

/** The board's density ("Compact"), remembered per person in this browser. */
export const useDensity = create<DensityStore>()((set, get) => ({
  userId: null,
  density: 'comfortable',
  load: (userId) => set({ userId, density: readDensity(storage(), userId) }),
  set: (density) => {
    const { userId } = get();
    if (userId) writeDensity(storage(), userId, density);
    set({ density });
  },
}));
