/** Anything thrown or rejected, as a readable reason: some tools reject with undefined or plain values. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (err === undefined || err === null) return `no reason given (${String(err)})`;
  if (typeof err === 'object') {
    try {
      return JSON.stringify(err);
    } catch {
      return String(err);
    }
  }
  return String(err);
}
