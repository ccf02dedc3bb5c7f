/** Waits until `check()` holds (polling every 10 ms), failing after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for events');
    await new Promise((r) => setTimeout(r, 10));
  }
}
