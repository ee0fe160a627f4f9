import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.ts';
import { resolveCameraCredentials } from '../../src/cameras/credentials.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD } from '../support/test-app.ts';

/** A logger whose JSON lines are kept in `lines`. */
function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('secrets never reach the log', () => {
  it('redacts a registered camera password wherever it appears, and URL credentials', () => {
    const password = 'Zq7-cam-pass-4411';
    const creds = resolveCameraCredentials('env:VEDETTA_TEST_CAM_CREDS', {
      env: { VEDETTA_TEST_CAM_CREDS: `operatore:${password}` },
    });
    expect(creds).toEqual({ username: 'operatore', password });
    const { logger, lines } = capturingLogger();
    const ingest = logger.child({ module: 'ingest' });
    ingest.info(`connecting with ${password}`);
    ingest.info({ note: `auth ${password}`, nested: { deep: [password] } }, 'fields');
    ingest.error({ err: new Error(`401 for ${password}`) }, 'failed');
    ingest.warn({ url: 'rtsp://admin:hunter22@10.0.0.5:554/s1' }, 'url in a field');
    ingest.warn('dialing rtsp://admin:hunter22@10.0.0.5:554/s1');
    ingest.info({ password: 'plain-field-value', token: 'tok-123456' }, 'named fields');
    expect(lines).toHaveLength(6);
    const all = lines.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain('hunter22');
    expect(all).not.toContain('plain-field-value');
    expect(all).not.toContain('tok-123456');
    expect(all).toContain('rtsp://[redacted]@10.0.0.5:554/s1');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  forEachDatabase((_db, open) => {
    it('keeps login passwords and credentials in rejected camera URLs out of the log', async () => {
      const { logger, lines } = capturingLogger();
      const t = await createTestApp(open, { logger });
      const admin = await t.userCookie('administrator', { username: 'capo' });
      await t.request('POST', '/api/session', {
        body: { username: 'capo', password: 'Wrong-Password-991' },
      });
      const res = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: {
          name: 'Via Chiodo',
          streams: { main: 'rtsp://admin:Cam-Secret-77@10.0.0.9/s' },
          location: { latitude: 44.1, longitude: 9.82 },
        },
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toContain('Cam-Secret-77');
      const all = lines.join('\n');
      expect(all).toContain('login failed');
      expect(all).not.toContain('Wrong-Password-991');
      expect(all).not.toContain(TEST_PASSWORD);
      expect(all).not.toContain('Cam-Secret-77');
    });
  });
});
