import { describe, expect, it } from 'vitest';
import { vmsAddresses } from './vms-addresses.ts';

describe('vmsAddresses', () => {
  it('is null when the re-stream does not listen', () => {
    expect(vmsAddresses(null, 'vedetta.example')).toEqual({ rtsp: null, rtsps: null });
  });

  it('gives the configured host, and each port only when served', () => {
    expect(vmsAddresses({ host: '10.1.2.3', port: 8554, tlsPort: null }, 'x')).toEqual({
      rtsp: 'rtsp://10.1.2.3:8554/',
      rtsps: null,
    });
    expect(vmsAddresses({ host: '10.1.2.3', port: null, tlsPort: 8555 }, 'x')).toEqual({
      rtsp: null,
      rtsps: 'rtsps://10.1.2.3:8555/',
    });
  });

  it("puts the browser's host for a wildcard address, IPv6 in brackets", () => {
    const at = { host: '0.0.0.0', port: 8554, tlsPort: 8555 };
    expect(vmsAddresses(at, 'vedetta.comune.example')).toEqual({
      rtsp: 'rtsp://vedetta.comune.example:8554/',
      rtsps: 'rtsps://vedetta.comune.example:8555/',
    });
    expect(vmsAddresses({ ...at, host: '::' }, '[fd00::1]').rtsp).toBe('rtsp://[fd00::1]:8554/');
    expect(vmsAddresses({ ...at, host: 'fd00::2' }, 'x').rtsp).toBe('rtsp://[fd00::2]:8554/');
  });
});
