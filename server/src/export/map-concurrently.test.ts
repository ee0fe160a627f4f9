import { describe, expect, it } from 'vitest';
import { mapConcurrently } from './map-concurrently.ts';

/** A promise with its resolve function, to drive the calls by hand. */
function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('mapConcurrently', () => {
  it('keeps the order of the items and at most `limit` calls in flight', async () => {
    const gates = Array.from({ length: 10 }, deferred);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const result = mapConcurrently(gates, 3, async (g, i) => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await g.promise;
      inFlight--;
      return i * 10;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    // Finish them in reverse order of start: results stay in item order.
    for (let k = gates.length - 1; k >= 0; k--) gates[k]?.resolve();
    expect(await result).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure once the calls in flight are over, starting no more', async () => {
    const started: number[] = [];
    let settledAfterFailure = false;
    const result = mapConcurrently([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('head of fragment 1 unreadable');
      await new Promise((r) => setImmediate(r));
      if (n === 0) settledAfterFailure = true;
      return n;
    });
    await expect(result).rejects.toThrow('head of fragment 1 unreadable');
    expect(settledAfterFailure).toBe(true);
    expect(started).toEqual([0, 1]);
  });

  it('maps nothing to nothing and refuses a limit below 1', async () => {
    expect(await mapConcurrently([], 4, () => Promise.resolve(1))).toEqual([]);
    await expect(mapConcurrently([1], 0, () => Promise.resolve(1))).rejects.toThrow(
      'limit 0 is not a positive integer',
    );
  });
});
