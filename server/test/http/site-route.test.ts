import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp } from '../support/test-app.ts';

describe('GET /api/site', () => {
  forEachDatabase((_name, open) => {
    it('publishes the configured site time zone, without a session', async () => {
      const t = await createTestApp(open, { config: { site: { timeZone: 'America/New_York' } } });
      const res = await t.request('GET', '/api/site');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ timeZone: 'America/New_York' });
    });

    it('says Europe/Rome when the configuration names no zone', async () => {
      const t = await createTestApp(open);
      const res = await t.request('GET', '/api/site');
      expect(await res.json()).toEqual({ timeZone: 'Europe/Rome' });
    });
  });
});
