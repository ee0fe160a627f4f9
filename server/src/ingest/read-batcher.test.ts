import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { ReadBatcher, type BatchedReader } from './read-batcher.ts';

/** A reader that logs what the batcher does to it. */
function reader(name: string, log: string[]): BatchedReader {
  return {
    pauseReads: () => log.push(`pause ${name}`),
    resumeReads: () => log.push(`resume ${name}`),
  };
}

describe('ReadBatcher', () => {
  it('pauses a drained reader and resumes every held one together at the next tick', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const batcher = new ReadBatcher(clock, 250);
    const a = reader('a', log);
    const b = reader('b', log);
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
    const clock = new FakeClock();
    const log: string[] = [];
    const batcher = new ReadBatcher(clock, 250);
    const a = reader('a', log);
    const b = reader('b', log);
    batcher.hold(a);
    batcher.hold(b);
    batcher.release(a);
    batcher.release(a); // not held any more: nothing
    expect(log).toEqual(['pause a', 'pause b', 'resume a']);
    clock.advance(250);
    expect(log).toEqual(['pause a', 'pause b', 'resume a', 'resume b']);
  });

  it('resumes everyone when closed, and refuses an interval that is not positive', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const batcher = new ReadBatcher(clock, 250);
    batcher.hold(reader('a', log));
    batcher.close();
    expect(log).toEqual(['pause a', 'resume a']);
    clock.advance(1000);
    expect(log).toHaveLength(2);
    expect(() => new ReadBatcher(clock, 0)).toThrow(/positive/);
    expect(() => new ReadBatcher(clock, Number.NaN)).toThrow(/positive/);
  });
});
