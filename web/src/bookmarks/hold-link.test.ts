import { describe, expect, it } from 'vitest';
import { parseRoute } from '../layout/route.ts';
import { holdHref } from './hold-link.ts';

/** What the holds tab reads: the route parameter after the router's one decoding. */
function queryAfterRouting(href: string): URLSearchParams {
  const param = parseRoute(href, 'cameras').param ?? '';
  return new URLSearchParams(param.slice(param.indexOf('?') + 1));
}

describe('holdHref', () => {
  it('links a bookmark to the prefilled legal-hold form, its text intact through the router', () => {
    const href = holdHref(['cam-001', 'cam-002'], 1000, 5000, 'Furto & rapina + 5%', 'RGNR 7/2026');
    expect(href.startsWith('#/admin/holds%3F')).toBe(true);
    const q = queryAfterRouting(href);
    expect(q.get('cameras')).toBe('cam-001,cam-002');
    expect([q.get('from'), q.get('to')]).toEqual(['1000', '5000']);
    expect(q.get('reason')).toBe('Furto & rapina + 5%');
    expect(q.get('reference')).toBe('RGNR 7/2026');
  });

  it('asks for the minute around an instant, without a reference when there is none', () => {
    const q = queryAfterRouting(holdHref(['cam-001'], 120_000, 120_000, 'x'));
    expect([q.get('from'), q.get('to')]).toEqual(['60000', '180000']);
    expect(q.has('reference')).toBe(false);
  });
});
