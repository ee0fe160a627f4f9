import { describe, expect, it } from 'vitest';
import { planCheck, WriteRate } from './pacing.ts';

const MiB = 1024 * 1024;

describe('WriteRate', () => {
  it('measures how fast free space shrinks over the kept measurements', () => {
    const r = new WriteRate(3);
    expect(r.bytesPerSecond()).toBe(0);
    r.add({ atMs: 0, freeBytes: 100 * MiB });
    r.add({ atMs: 10_000, freeBytes: 90 * MiB });
    expect(r.bytesPerSecond()).toBe(MiB);
    r.add({ atMs: 20_000, freeBytes: 70 * MiB });
    r.add({ atMs: 30_000, freeBytes: 50 * MiB }); // the first measurement drops out
    expect(r.bytesPerSecond()).toBe(2 * MiB);
  });

  it('counts growing free space as no writing, and ignores a measurement out of order', () => {
    const r = new WriteRate();
    r.add({ atMs: 1000, freeBytes: 10 * MiB });
    r.add({ atMs: 500, freeBytes: 0 });
    r.add({ atMs: 2000, freeBytes: 20 * MiB });
    expect(r.bytesPerSecond()).toBe(0);
  });
});

describe('planCheck', () => {
  const base = { lowWaterBytes: 50 * MiB, stopBytes: 10 * MiB, intervalMs: 30_000 };

  it('keeps the regular interval when nothing is written', () => {
    expect(planCheck({ ...base, freeBytes: 60 * MiB, rateBytesPerSecond: 0 })).toEqual({
      deleteNow: false,
      nextCheckInMs: 30_000,
      secondsToStop: Infinity,
    });
  });

  it('checks again when the low-water mark will be reached, if before the next check', () => {
    // 10 MiB above low water at 1 MiB/s: low water in 10 s, the stop mark in 50 s.
    const plan = planCheck({ ...base, freeBytes: 60 * MiB, rateBytesPerSecond: MiB });
    expect(plan).toEqual({ deleteNow: false, nextCheckInMs: 10_000, secondsToStop: 50 });
  });

  it('deletes now when the volume would be full before the next check', () => {
    // 60 MiB free at 3 MiB/s: the stop mark in about 17 s, under the 30 s interval.
    const plan = planCheck({ ...base, freeBytes: 60 * MiB, rateBytesPerSecond: 3 * MiB });
    expect(plan.deleteNow).toBe(true);
    expect(plan.nextCheckInMs).toBe(1000);
  });

  it('never checks sooner than the minimum interval', () => {
    const plan = planCheck({
      ...base,
      freeBytes: 50 * MiB + 1,
      rateBytesPerSecond: 100 * MiB,
      minIntervalMs: 2000,
    });
    expect(plan.nextCheckInMs).toBe(2000);
  });
});
