import { describe, expect, it } from 'vitest';
import { detailsText, EMPTY_FILTER, exportPath, pagePath } from './audit-filter.ts';

describe('audit filter', () => {
  it('leaves out empty fields and turns site times into UTC ms', () => {
    expect(pagePath(EMPTY_FILTER, null)).toBe('/api/audit?limit=100');
    const path = pagePath(
      {
        ...EMPTY_FILTER,
        username: ' rossi ',
        outcome: 'denied',
        from: '2026-03-01T08:00',
        to: 'x',
      },
      42,
      50,
    );
    const q = new URLSearchParams(path.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({
      username: 'rossi',
      outcome: 'denied',
      // 08:00 in Rome on 1 March (CET, UTC+1), whatever the zone the tests run in.
      fromMs: String(Date.UTC(2026, 2, 1, 7, 0)),
      limit: '50',
      beforeSeq: '42',
    });
  });

  it('reads the times in the zone it is given', () => {
    const path = pagePath({ ...EMPTY_FILTER, to: '2026-03-01T08:00' }, null, 100, 'UTC');
    expect(new URLSearchParams(path.split('?')[1]).get('toMs')).toBe(
      String(Date.UTC(2026, 2, 1, 8, 0)),
    );
  });

  it('builds export addresses', () => {
    expect(exportPath({ ...EMPTY_FILTER, cameraId: 'cam-001' }, 'json')).toBe(
      '/api/audit/export?cameraId=cam-001&format=json',
    );
  });

  it('shows details as key: value text', () => {
    expect(detailsText('{"method":"GET","required":["live.view"]}')).toBe(
      'method: GET; required: ["live.view"]',
    );
    expect(detailsText(null)).toBe('');
    expect(detailsText('not json')).toBe('not json');
  });
});
