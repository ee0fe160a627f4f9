/**
 * `items.map(fn)` with at most `limit` calls of `fn` in flight: for many small independent reads
 * (fragment heads) that would otherwise wait for one another.
 */

/** Results in the order of `items`; rejects with the first failure (after the calls in flight). */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`mapConcurrently: limit ${limit} is not a positive integer`);
  }
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const lanes = Array.from({ length: Math.min(limit, items.length) }, lane);
  const settled = await Promise.allSettled(lanes);
  const failure = settled.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  return out;
}
