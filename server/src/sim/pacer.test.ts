import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { Pacer } from './pacer.ts';

describe('Pacer', () => {
  it('runs tasks in due order, each at its own period, on one clock', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, 0);
    const log: string[] = [];
    const every = (name: string, period: number, times: number) => {
      let n = 0;
      return {
        run(now: number) {
          log.push(`${name}@${now}`);
          return ++n < times ? now + period : undefined;
        },
      };
    };
    pacer.schedule(every('a', 40, 3), 0);
    pacer.schedule(every('b', 30, 3), 10);
    clock.advance(200);
    expect(log).toEqual(['a@0', 'b@10', 'a@40', 'b@40', 'b@70', 'a@80']);
    expect(pacer.size).toBe(0);
  });

  it('runs tasks due within the slack in the same wake-up', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, 5);
    const seen: number[] = [];
    pacer.schedule({ run: (now) => void seen.push(now) }, 100);
    pacer.schedule({ run: (now) => void seen.push(now) }, 104);
    clock.advance(150);
    expect(seen).toEqual([100, 100]);
  });

  it('does not run a cancelled task, nor anything after close', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock);
    let runs = 0;
    const entry = pacer.schedule({ run: () => void runs++ }, 10);
    entry.cancel();
    pacer.schedule({ run: () => void runs++ }, 20);
    pacer.close();
    clock.advance(100);
    expect(runs).toBe(0);
  });

  it('re-arms for an earlier task scheduled after a later one', () => {
    const clock = new FakeClock();
    const pacer = new Pacer(clock, 0);
    const order: string[] = [];
    pacer.schedule({ run: () => void order.push('late') }, 500);
    pacer.schedule({ run: () => void order.push('early') }, 100);
    clock.advance(120);
    expect(order).toEqual(['early']);
    clock.advance(400);
    expect(order).toEqual(['early', 'late']);
  });
});
