import { describe, expect, it } from 'vitest';
import { fromLocalInput } from '../admin/index.ts';
import { detailsText, EMPTY_FILTER, exportPath, pagePath } from './audit-filter.ts';

describe('audit filter', () => {
  it('leaves out empty fields and turns local times into UTC ms', () => {
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
      fromMs: String(fromLocalInput('2026-03-01T08:00')),
      limit: '50',
      beforeSeq: '42',
    });
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
