import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { ReadBatcher, type BatchedReader } from './read-batcher.ts';

/** A batcher of 250 ms on a fake clock, and two readers that log what it does to them. */
function setup() {
  const clock = new FakeClock();
  const log: string[] = [];
  const reader = (name: string): BatchedReader => ({
    pauseReads: () => log.push(`pause ${name}`),
    resumeReads: () => log.push(`resume ${name}`),
  });
  return { clock, log, batcher: new ReadBatcher(clock, 250), a: reader('a'), b: reader('b') };
}

describe('ReadBatcher', () => {
  it('pauses a drained reader and resumes every held one together at the next tick', () => {
    const { clock, log, batcher, a, b } = setup();
    batcher.hold(a);
    clock.advance(100);
    batcher.hold(b);
    batcher.hold(b); // already held: not paused twice
    expect(log).toEqual(['pause a', 'pause b']);
    expect(batcher.heldCount).toBe(2);
    clock.advance(149);
    expect(log).toHaveLength(2);
    clock.advance(1);
    expect(log).toEqual(['pause a', 'pause b', 'resume a', 'resume b']);
    expect(batcher.heldCount).toBe(0);
    // No timer while nothing is held; the next hold starts a full interval.
    clock.advance(1000);
    batcher.hold(a);
    clock.advance(249);
    expect(log.at(-1)).toBe('pause a');
    clock.advance(1);
    expect(log.at(-1)).toBe('resume a');
  });

  it('resumes a released reader at once, and not again at the tick', () => {
    const { clock, log, batcher, a, b } = setup();
    batcher.hold(a);
    batcher.hold(b);
    batcher.release(a);
    batcher.release(a); // not held any more: nothing
    expect(log).toEqual(['pause a', 'pause b', 'resume a']);
    clock.advance(250);
    expect(log).toEqual(['pause a', 'pause b', 'resume a', 'resume b']);
  });

  it('resumes everyone when closed, and refuses an interval that is not positive', () => {
    const { clock, log, batcher, a } = setup();
    batcher.hold(a);
    batcher.close();
    expect(log).toEqual(['pause a', 'resume a']);
    clock.advance(1000);
    expect(log).toHaveLength(2);
    expect(() => new ReadBatcher(clock, 0)).toThrow(/positive/);
    expect(() => new ReadBatcher(clock, Number.NaN)).toThrow(/positive/);
  });
});
