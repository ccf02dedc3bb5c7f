import v8 from 'node:v8';

/**
 * Bounds how far V8 lets the heap grow past what its last full collection left alive: `percent` of it
 * (V8's own factor reaches 4× on a machine with a few GB of memory). Relay's live heap is ~50–60 MB; the rest
 * of what it allocates dies young or soon after promotion, so without a bound the old generation fills with
 * dead objects up to 3–4× that before a full collection, and RSS follows. Read by V8 each time it recomputes
 * the limit, so setting it at run time takes effect at the next collection. A `--heap-growing-percent` given
 * on node's command line wins; 0 leaves V8's own factor.
 */
export function limitHeapGrowth(percent: number): boolean {
  if (percent <= 0 || process.execArgv.some((a) => a.startsWith('--heap-growing-percent') || a.startsWith('--heap_growing_percent')))
    return false;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return true;
}
