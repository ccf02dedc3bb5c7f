import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { ensureServerBuilt } from '../support/server-process.js';

const heapModule = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'common', 'heap.js')).href;

/**
 * A fresh node process that calls Relay's `limitHeapGrowth(percent)`, keeps ~100,000 objects alive and
 * churns through objects that live long enough to be promoted before they die (as requests' do under load).
 * Reports the largest heap it saw. Memory, not time: the outcome does not depend on the machine's speed.
 */
function churn(percent: number, nodeArgs: string[] = []): { applied: boolean; maxHeapMb: number } {
  const script = `
    const { limitHeapGrowth } = await import(${JSON.stringify(heapModule)});
    const applied = limitHeapGrowth(${percent});
    const live = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: 'card ' + i, tags: [i] }));
    const ring = new Array(150);
    let max = 0;
    for (let r = 0; r < 1500; r++) {
      ring[r % ring.length] = Array.from({ length: 1000 }, (_, i) => ({ r, i, s: 'event ' + r + ':' + i }));
      if (r % 20 === 0) max = Math.max(max, process.memoryUsage().heapTotal);
    }
    console.log(JSON.stringify({ applied, live: live.length, maxHeapMb: max / 2 ** 20 }));`;
  const out = execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('the V8 heap growth bound (RELAY_HEAP_GROWTH_PCT)', () => {
  beforeAll(() => ensureServerBuilt(), 120_000);

  it('defaults to 50 %, 0 leaves V8 its own factor, and a bad value names the variable', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(50);
    expect(loadConfig({ RELAY_HEAP_GROWTH_PCT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ RELAY_HEAP_GROWTH_PCT: '120' }).heapGrowthPercent).toBe(120);
    expect(() => loadConfig({ RELAY_HEAP_GROWTH_PCT: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ RELAY_HEAP_GROWTH_PCT: '1000' })).toThrow(/RELAY_HEAP_GROWTH_PCT must be between 0 and 300/);
  });

  it('set at run time, keeps the heap well below where V8 alone lets dead objects pile up', () => {
    const free = churn(0);
    const bounded = churn(50);
    expect(free.applied).toBe(false);
    expect(bounded.applied).toBe(true);
    // ~155 MB against ~105 MB on Node 20.
    expect(bounded.maxHeapMb).toBeLessThan(free.maxHeapMb * 0.8);
  }, 60_000);

  it("leaves a --heap-growing-percent given on node's command line alone", () => {
    expect(churn(50, ['--heap-growing-percent=300']).applied).toBe(false);
  }, 60_000);
});
