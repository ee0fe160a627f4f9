/** The `onvif` section of the configuration: defaults, and errors that name the key. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../src/app/config.ts';

function problem(yaml: string): string {
  try {
    parseConfigText(`storage: { path: /s }\n${yaml}`, 'test.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('onvif configuration', () => {
  it('has defaults: multicast discovery for 3 s, 5 s drift alarm, clocks read every 5 minutes', () => {
    expect(parseConfigText('storage: { path: /s }\n').onvif).toEqual({
      discovery: {
        targets: ['239.255.255.250:3702'],
        durationMs: 3000,
        defaultCredentialsRef: null,
      },
      requestTimeoutMs: 5000,
      clockDriftAlarmSeconds: 5,
      clockCheckIntervalSeconds: 300,
      events: { enabled: true, alarms: ['motion', 'tamper', 'digital-input'] },
    });
  });

  it('names the bad key and why', () => {
    expect(problem('onvif: { discovery: { targets: ["239.255.255.250"] } }\n')).toMatch(
      /onvif\.discovery\.targets\[0\]: must be host:port/,
    );
    expect(problem('onvif: { discovery: { targets: ["10.0.0.1:70000"] } }\n')).toMatch(
      /onvif\.discovery\.targets\[0\]: must have a port in 1\.\.65535/,
    );
    expect(problem('onvif: { discovery: { targets: [] } }\n')).toMatch(
      /onvif\.discovery\.targets: must name at least one host:port/,
    );
    expect(problem('onvif: { discovery: { defaultCredentialsRef: "admin:pw" } }\n')).toMatch(
      /onvif\.discovery\.defaultCredentialsRef:/,
    );
    expect(problem('onvif: { clockDriftAlarmSeconds: 0 }\n')).toMatch(
      /onvif\.clockDriftAlarmSeconds: must be at least 1/,
    );
    expect(problem('onvif: { clockCheckIntervalSeconds: 5 }\n')).toMatch(
      /onvif\.clockCheckIntervalSeconds: must be 0 \(off\) or at least 10/,
    );
    expect(problem('onvif: { events: { alarms: ["smoke"] } }\n')).toMatch(
      /onvif\.events\.alarms\[0\]:/,
    );
    expect(problem('onvif: { clockCheck: 5 }\n')).toMatch(/onvif\.clockCheck: unknown key/);
  });
});
