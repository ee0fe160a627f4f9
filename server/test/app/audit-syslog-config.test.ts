/**
 * `audit.syslog` and the checkpoint interval in the configuration: defaults, and clear errors
 * naming the key for what is malformed.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/app/config.ts';

const base = { storage: { path: '/var/lib/vedetta' } };

function problem(audit: Record<string, unknown>): string {
  try {
    parseConfig({ ...base, audit });
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('audit configuration', () => {
  it('checkpoints every 60 s by default, no syslog', () => {
    const c = parseConfig(base);
    expect(c.audit.checkpointEverySeconds).toBe(60);
    expect(c.audit.syslog).toBeNull();
  });

  it('fills the syslog defaults: TLS, system CAs, app vedetta, local0, checkpoints only', () => {
    const c = parseConfig({
      ...base,
      audit: { syslog: { host: 'siem.comune.example', port: 6514 } },
    });
    expect(c.audit.syslog).toEqual({
      host: 'siem.comune.example',
      port: 6514,
      transport: 'tls',
      caFile: null,
      appName: 'vedetta',
      facility: 'local0',
      forwardEntries: false,
    });
  });

  it.each([
    [{ syslog: { port: 514 } }, 'audit.syslog.host'],
    [
      { syslog: { host: 'siem example', port: 514 } },
      'audit.syslog.host: must be a host name or an IP address',
    ],
    [{ syslog: { host: 'siem' } }, 'audit.syslog.port'],
    [{ syslog: { host: 'siem', port: 0 } }, 'audit.syslog.port: must be 1 to 65535'],
    [{ syslog: { host: 'siem', port: 514, transport: 'udp' } }, 'audit.syslog.transport'],
    [
      { syslog: { host: 'siem', port: 514, transport: 'tcp', caFile: '/ca.pem' } },
      'audit.syslog.caFile: only with transport: tls',
    ],
    [
      { syslog: { host: 'siem', port: 6514, caFile: 'ca.pem' } },
      'audit.syslog.caFile: must be an absolute path',
    ],
    [{ syslog: { host: 'siem', port: 514, facility: 'local9' } }, 'audit.syslog.facility'],
    [
      { syslog: { host: 'siem', port: 514, appName: 'vedetta prod' } },
      'audit.syslog.appName: must be 1 to 48 printable ASCII',
    ],
    [{ syslog: { host: 'siem', port: 514, forwardEntries: 'yes' } }, 'audit.syslog.forwardEntries'],
    [{ syslog: { host: 'siem', port: 514, hots: 1 } }, 'hots'],
    [{ checkpointEverySeconds: 600 }, 'audit.checkpointEverySeconds'],
    [
      { checkpointEveryMinutes: 10 },
      'audit.checkpointEveryMinutes: replaced by audit.checkpointEverySeconds',
    ],
  ])('refuses %j naming %s', (audit, expected) => {
    expect(problem(audit)).toContain(expected);
  });
});
