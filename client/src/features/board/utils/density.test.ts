import { densityKey, isCollapsed, readDensity, writeDensity } from './density';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('density', () => {
  it('is remembered per person', () => {
    const s = memoryStorage();
    expect(readDensity(s, 'ann')).toBe('comfortable');
    writeDensity(s, 'ann', 'compact');
    expect(readDensity(s, 'ann')).toBe('compact');
    expect(readDensity(s, 'bob')).toBe('comfortable');
    expect(densityKey('ann')).toBe('relay.density.ann');
  });

  it('survives storage that refuses', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(readDensity(broken, 'ann')).toBe('comfortable');
    expect(() => writeDensity(broken, 'ann', 'compact')).not.toThrow();
  });

  it('collapses empty lanes and Done in the compact board, unless opened by hand', () => {
    const done = { id: 'done', terminal: true };
    const hr = { id: 'hr', terminal: false };
    const none = new Set<string>();
    expect(isCollapsed(done, 4, true, none)).toBe(true);
    expect(isCollapsed(hr, 0, true, none)).toBe(true);
    expect(isCollapsed(hr, 2, true, none)).toBe(false);
    expect(isCollapsed(done, 4, false, none)).toBe(false);
    expect(isCollapsed(done, 4, true, new Set(['done']))).toBe(false);
    expect(isCollapsed(hr, 2, true, new Set(['hr']))).toBe(true);
  });
});
