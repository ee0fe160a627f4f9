import { describe, expect, it } from 'vitest';
import { formatBytes } from './compliance-api.ts';

describe('formatBytes', () => {
  it('writes sizes in decimal units for the report', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(4700, 'en')).toBe('4.7 kB');
    expect(formatBytes(2_500_000_000, 'it')).toBe('2,5 GB');
  });
});
