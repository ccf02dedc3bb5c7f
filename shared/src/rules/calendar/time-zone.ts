/**
 * Time-zone offsets from the platform's own IANA data (Intl), no date library: it ships in the client bundle.
 *
 * Intl is slow (about 2 µs a call, 90 µs to build a formatter), so each zone keeps a table of its offsets per
 * block of 366 days, built once from daily samples and bisected to the millisecond at every change. After that an
 * offset is a lookup. The tables are a memo of pure facts (bounded by zones × years used), not state.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const BLOCK_MS = 366 * DAY_MS;
const SAMPLE_MS = DAY_MS;
/** Dates are valid to ±8.64e15 ms; keep clear of the edge so day margins never leave the range. */
const LIMIT_MS = 8.64e15 - 30 * DAY_MS;

interface Block {
  /** `offsets[i]` (ms east of UTC) holds from `at[i]` until `at[i + 1]`; `at[0]` is the block's start. */
  at: number[];
  offsets: number[];
}

export interface Zone {
  readonly name: string;
  readonly format: Intl.DateTimeFormat;
  readonly blocks: Map<number, Block>;
  /** The block looked up last: most lookups of a computation fall in one block. */
  recent: { index: number; block: Block } | null;
}

const zones = new Map<string, Zone>();

/** The zone for an IANA name; throws a RangeError for a name the platform does not know. */
export function zoneOf(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
    zone = { name, format, blocks: new Map(), recent: null };
    zones.set(name, zone);
  }
  return zone;
}

/** The platform's canonical spelling of a zone name ("europe/london" → "Europe/London"), or null if unknown. */
export function canonicalZoneName(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isValidInstant(t: number): boolean {
  return Number.isFinite(t) && Math.abs(t) <= LIMIT_MS;
}

/** "…, GMT+05:30" → 19_800_000; plain "GMT" is UTC. */
function intlOffset(zone: Zone, t: number): number {
  const text = zone.format.format(t);
  const m = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(text);
  if (!m || !m[1]) return 0;
  const ms = Number(m[2]) * HOUR_MS + Number(m[3] ?? 0) * MINUTE_MS + Number(m[4] ?? 0) * 1000;
  return m[1] === '-' ? -ms : ms;
}

function buildBlock(zone: Zone, index: number): Block {
  const start = index * BLOCK_MS;
  const last = start + BLOCK_MS - 1;
  const at = [start];
  const offsets = [intlOffset(zone, start)];
  let current = offsets[0];
  let since = start;
  for (let t = start + SAMPLE_MS; since < last; t += SAMPLE_MS) {
    const sample = Math.min(t, last);
    // More than one change between two samples: each pass finds one and goes on from it.
    while (intlOffset(zone, sample) !== current) {
      let lo = since;
      let hi = sample;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (intlOffset(zone, mid) === current) lo = mid;
        else hi = mid;
      }
      current = intlOffset(zone, hi);
      at.push(hi);
      offsets.push(current);
      since = hi;
    }
    since = sample;
  }
  return { at, offsets };
}

function blockAt(zone: Zone, index: number): Block {
  if (zone.recent?.index === index) return zone.recent.block;
  let block = zone.blocks.get(index);
  if (!block) {
    block = buildBlock(zone, index);
    zone.blocks.set(index, block);
  }
  zone.recent = { index, block };
  return block;
}

/** Offset of the zone's wall clock from UTC at instant `t`, in ms (London in summer: +3_600_000). */
export function offsetAt(zone: Zone, t: number): number {
  const { at, offsets } = blockAt(zone, Math.floor(t / BLOCK_MS));
  let i = at.length - 1;
  while (i > 0 && at[i] > t) i--;
  return offsets[i];
}

/** Calls `each(at, before, after)` for every change of offset in (lo, hi], in order. */
export function forEachTransition(zone: Zone, lo: number, hi: number, each: (at: number, before: number, after: number) => void): void {
  let current = offsetAt(zone, lo);
  for (let b = Math.floor(lo / BLOCK_MS); b <= Math.floor(hi / BLOCK_MS); b++) {
    const { at, offsets } = blockAt(zone, b);
    for (let i = 0; i < at.length; i++) {
      if (at[i] <= lo || offsets[i] === current) continue;
      if (at[i] > hi) return;
      each(at[i], current, offsets[i]);
      current = offsets[i];
    }
  }
}

/** The wall-clock reading at `t`, as ms since 1970-01-01T00:00 on that clock. */
export function wallAt(zone: Zone, t: number): number {
  return t + offsetAt(zone, t);
}

/** The wall clock's date at `t`, as a day number (days since 1970-01-01 on that clock). */
export function dayAt(zone: Zone, t: number): number {
  return Math.floor(wallAt(zone, t) / DAY_MS);
}

/**
 * The first instant at which the wall clock reads `wall` (or later): the earlier of a repeated time when clocks go
 * back, the moment of the change for a time skipped when they go forward. Non-decreasing in `wall`.
 */
export function instantAtWall(zone: Zone, wall: number): number {
  const lo = wall - DAY_MS;
  const hi = wall + DAY_MS;
  let offset = offsetAt(zone, lo);
  // Nearly always: the same offset a day either side, so no change of offset near this wall time.
  if (offsetAt(zone, hi) === offset && offsetAt(zone, wall - offset) === offset) return wall - offset;
  let segmentStart = lo;
  let found = Number.NaN;
  forEachTransition(zone, lo, hi, (at, before, after) => {
    if (!Number.isNaN(found)) return;
    const t = wall - before;
    if (t >= segmentStart && t < at)
      found = t; // the clock reads `wall` before this change (first of two if repeated)
    else if (wall >= at + before && wall < at + after) found = at; // this change skips over `wall`
    segmentStart = at;
    offset = after;
  });
  return Number.isNaN(found) ? wall - offset : found;
}
