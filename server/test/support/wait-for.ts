/**
 * Waiting in tests on what the test needs, not on a fixed sleep: a condition polled with a
 * bounded deadline, failing with an error that names what was awaited.
 */

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** How long to wait before failing, ms. */
  timeoutMs: number;
  /** What is awaited, named in the error on timeout ("the first frame"). */
  what: string;
  /** Pause between two checks, ms; default 20. */
  intervalMs?: number;
}

/** What a condition returns while it does not hold yet. */
type NotYet = undefined | null | false;

/**
 * Checks `condition` at once and then every `intervalMs` (20 ms) until it returns something other
 * than `undefined`, `null` or `false`, and resolves with that value (so a condition can hand back
 * the row or event it found). The condition may be async; an exception it throws fails the wait
 * at once. Rejects with `timed out after N ms waiting for <what>` once `timeoutMs` has passed.
 */
export async function waitFor<T>(
  condition: () => T,
  options: WaitForOptions,
): Promise<Exclude<Awaited<T>, NotYet>> {
  const { timeoutMs, what, intervalMs = 20 } = options;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== null && value !== false) {
      return value as Exclude<Awaited<T>, NotYet>;
    }
    if (performance.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
