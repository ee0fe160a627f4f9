import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../app/index.ts';
import { discoverDevices, parseTarget } from './discovery.ts';
import { OnvifError } from './errors.ts';
import { fixture } from './fixtures.ts';

const sockets: dgram.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** A responder that answers each Probe with one ProbeMatches per camera, twice, plus garbage. */
async function responder(cameras: string[]): Promise<number> {
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  s.on('message', (msg, from) => {
    const text = msg.toString('utf8');
    if (!text.includes('discovery/Probe<')) return;
    const id = /MessageID>([^<]+)</.exec(text)?.[1] ?? '';
    for (const cam of [...cameras, ...cameras]) {
      const answer = fixture('probe-matches.xml')
        .replace('{{RELATES_TO}}', id)
        .replace('2419d68a-2dd2-21b2-a205-bc5c4c1e0f11', `00000000-0000-4000-8000-${cam}`)
        .replace('ACME%20Vision', `Camera%20${cam}`);
      s.send(answer, from.port, from.address);
    }
    s.send('<not xml', from.port, from.address);
  });
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  return s.address().port;
}

describe('WS-Discovery client', () => {
  it('collects ProbeMatches from every target, deduplicated by EndpointReference', async () => {
    const a = await responder(['000000000001', '000000000002']);
    const b = await responder(['000000000003']);
    const { devices, malformed } = await discoverDevices({
      targets: [`127.0.0.1:${a}`, `127.0.0.1:${b}`],
      durationMs: 1_000,
      clock: systemClock,
    });
    expect(devices.map((d) => d.name).sort()).toEqual([
      'Camera 000000000001',
      'Camera 000000000002',
      'Camera 000000000003',
    ]);
    expect(devices[0]?.xaddrs[0]).toBe('http://10.0.4.17/onvif/device_service');
    expect(malformed).toBe(2);
  });

  it('reports a target the Probe cannot be sent to, and still hears the others', async () => {
    const a = await responder(['000000000004']);
    // Broadcast without SO_BROADCAST: the kernel refuses the send (EACCES).
    const { devices, failedTargets } = await discoverDevices({
      targets: ['255.255.255.255:3702', `127.0.0.1:${a}`],
      durationMs: 1_000,
      clock: systemClock,
    });
    expect(devices.map((d) => d.name)).toEqual(['Camera 000000000004']);
    expect(failedTargets.map((f) => f.target)).toEqual(['255.255.255.255:3702']);
  });

  it('refuses a target that is not host:port', () => {
    expect(() => parseTarget('239.255.255.250')).toThrow(OnvifError);
    expect(parseTarget('[::1]:3702')).toEqual({ host: '::1', port: 3702 });
  });
});
