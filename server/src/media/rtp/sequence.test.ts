import { describe, expect, it } from 'vitest';
import { RtpSequenceTracker } from './sequence.ts';

function run(seqs: number[]): [string[], RtpSequenceTracker] {
  const t = new RtpSequenceTracker();
  return [seqs.map((s) => t.push(s).status), t];
}

describe('RtpSequenceTracker', () => {
  it('follows in-order packets across the 16-bit wrap', () => {
    const [statuses, t] = run([65533, 65534, 65535, 0, 1]);
    expect(statuses).toEqual(['first', 'in-order', 'in-order', 'in-order', 'in-order']);
    expect(t.stats).toEqual({ received: 5, lost: 0, duplicates: 0, reordered: 0, restarts: 0 });
  });

  it('counts a gap as lost, then un-counts a packet arriving late', () => {
    const t = new RtpSequenceTracker();
    t.push(65534);
    expect(t.push(2)).toEqual({ status: 'gap', lost: 3 });
    expect(t.push(65535)).toEqual({ status: 'late', lost: 0 });
    expect(t.push(65535).status).toBe('duplicate');
    expect(t.push(2).status).toBe('duplicate');
    expect(t.stats).toEqual({ received: 3, lost: 2, duplicates: 2, reordered: 1, restarts: 0 });
  });

  it('ignores one wild packet but restarts on two consecutive ones', () => {
    const [statuses, t] = run([100, 101, 30000, 102, 40000, 40001, 40002]);
    expect(statuses).toEqual([
      'first',
      'in-order',
      'jump',
      'in-order',
      'jump',
      'first',
      'in-order',
    ]);
    expect(t.stats.restarts).toBe(1);
    expect(t.stats.lost).toBe(0);
  });

  it('treats a packet older than the first one as late, not lost', () => {
    const [statuses, t] = run([10, 11, 9]);
    expect(statuses).toEqual(['first', 'in-order', 'late']);
    expect(t.stats.lost).toBe(0);
  });
});
