import { describe, expect, it } from 'vitest';
import { isAppError } from '../app/errors.ts';
import { parseCameraCreate } from '../cameras/parse.ts';
import {
  checkRetention,
  DAY_MS,
  isRetentionException,
  retentionCutoffMs,
  retentionIssues,
} from '../cameras/retention-policy.ts';

const camera = {
  name: 'Piazza Verdi',
  streams: { main: 'rtsp://10.0.0.1/stream1' },
  location: { latitude: 44.1, longitude: 9.82 },
};

describe('retention policy', () => {
  it('refuses 10 days on an urban-security camera with a clear error', () => {
    const issues = retentionIssues({
      purpose: 'urban_security',
      retentionDays: 10,
      retentionJustification: 'indagini',
    });
    expect(issues).toEqual([
      {
        path: 'retentionDays',
        message: expect.stringContaining(
          'must be at most 7 days for urban_security cameras',
        ) as unknown,
      },
    ]);
    expect(issues[0]?.message).toContain('10 refused');
    expect(() =>
      checkRetention({ purpose: 'urban_security', retentionDays: 10, retentionJustification: 'x' }),
    ).toThrow(/retentionDays: must be at most 7 days/);
  });

  it('is the rule the camera registry applies, whoever changes a camera', () => {
    let caught: unknown;
    try {
      parseCameraCreate({
        ...camera,
        purpose: 'urban_security',
        retentionDays: 10,
        retentionJustification: 'richiesta della Procura',
      });
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught, 'invalid_argument')).toBe(true);
    expect((caught as Error).message).toMatch(
      /retentionDays: must be at most 7 days for urban_security cameras .*10 refused/,
    );
  });

  it('asks a written justification above 72 hours, for every purpose', () => {
    expect(
      retentionIssues({ purpose: 'traffic', retentionDays: 4, retentionJustification: null }),
    ).toEqual([
      { path: 'retentionJustification', message: expect.stringContaining('72 hours') as unknown },
    ]);
    expect(
      retentionIssues({ purpose: 'traffic', retentionDays: 4, retentionJustification: '  ' }),
    ).toHaveLength(1);
    expect(
      retentionIssues({ purpose: 'traffic', retentionDays: 30, retentionJustification: 'ZTL' }),
    ).toEqual([]);
    expect(
      retentionIssues({
        purpose: 'urban_security',
        retentionDays: 3,
        retentionJustification: null,
      }),
    ).toEqual([]);
    expect(
      retentionIssues({ purpose: 'urban_security', retentionDays: 7, retentionJustification: 'x' }),
    ).toEqual([]);
  });

  it('marks over-72-hour retention as an exception and computes the cut-off in whole days', () => {
    expect(
      isRetentionException({ purpose: 'waste', retentionDays: 3, retentionJustification: null }),
    ).toBe(false);
    expect(
      isRetentionException({ purpose: 'waste', retentionDays: 4, retentionJustification: 'x' }),
    ).toBe(true);
    expect(retentionCutoffMs(10 * DAY_MS, 7)).toBe(3 * DAY_MS);
  });
});
