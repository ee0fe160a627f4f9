/** A new camera that names no retention gets its purpose's default from the configuration. */
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp } from '../support/test-app.ts';

const camera = (purpose: string) => ({
  name: `Camera ${purpose}`,
  purpose,
  streams: { main: 'rtsp://10.0.0.1/1' },
  location: { latitude: 44.1, longitude: 9.8 },
});

describe('default retention per purpose', () => {
  forEachDatabase((_name, open) => {
    it('fills the configured default, and keeps an explicit value', async () => {
      const t = await createTestApp(open, {
        config: { retention: { defaultDays: { traffic: 1 } } },
      });
      const cams = t.services.cameras;
      expect((await cams.create(camera('urban_security'))).retentionDays).toBe(3);
      expect((await cams.create(camera('traffic'))).retentionDays).toBe(1);
      expect((await cams.create(camera('waste'))).retentionDays).toBe(2);
      expect((await cams.create({ ...camera('traffic'), retentionDays: 3 })).retentionDays).toBe(3);
    });

    it('refuses a default above 72 hours in the configuration, naming the key', async () => {
      await expect(
        createTestApp(open, { config: { retention: { defaultDays: { waste: 5 } } } }),
      ).rejects.toThrow(/retention\.defaultDays\.waste: must be at most 3/);
    });
  });
});
