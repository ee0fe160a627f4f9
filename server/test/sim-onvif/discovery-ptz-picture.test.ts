/**
 * WS-Discovery answered over unicast UDP (one ProbeMatches per camera, to the probe's source), and
 * a dome's picture that follows its position: the snapshot differs after the dome turned, and
 * its RTSP streams switch to the clip of the new view.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRtspClient } from '../../src/sim/test-client.ts';
import { loadPreparedClip, receivedFrames, samePayloads } from '../../src/sim/test-frames.ts';
import { waitFor } from '../support/wait-for.ts';
import { rawSoap } from './raw-soap.ts';
import type { SimWithOnvif } from './support.ts';
import { CREDS, startSimWithOnvif } from './support.ts';

let env: SimWithOnvif;

beforeAll(async () => {
  env = await startSimWithOnvif();
}, 120_000);

afterAll(async () => {
  await env?.close();
});

function probe(types: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" ` +
    `xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ` +
    `xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><e:Header><w:MessageID>uuid:test-probe-1</w:MessageID>` +
    `<w:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To><w:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action>` +
    `</e:Header><e:Body><d:Probe><d:Types>${types}</d:Types></d:Probe></e:Body></e:Envelope>`
  );
}

async function sendProbe(types: string, waitMs: number): Promise<string[]> {
  const socket = dgram.createSocket('udp4');
  const answers: string[] = [];
  socket.on('message', (m) => answers.push(m.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.send(probe(types), env.onvif.discoveryPort ?? 0, '127.0.0.1');
  try {
    if (waitMs > 0) {
      await waitFor(() => answers.length >= 3, { timeoutMs: waitMs, what: 'three ProbeMatches' });
    } else {
      // A probe that matches nothing: a matching probe sent after it must be answered first.
      socket.send(probe('dn:NetworkVideoTransmitter'), env.onvif.discoveryPort ?? 0, '127.0.0.1');
      await waitFor(() => answers.length >= 3, { timeoutMs: 5000, what: 'the second probe' });
    }
    return answers;
  } finally {
    socket.close();
  }
}

describe('WS-Discovery', () => {
  it('answers a probe with one ProbeMatches per camera', async () => {
    const answers = await sendProbe('dn:NetworkVideoTransmitter', 5000);
    expect(answers).toHaveLength(3);
    const dome = answers.find((a) => a.includes('/onvif/cam-003/device_service')) ?? '';
    expect(dome).toContain('<wsa:RelatesTo>uuid:test-probe-1</wsa:RelatesTo>');
    expect(dome).toMatch(/<wsa:Address>urn:uuid:[0-9a-f-]{36}<\/wsa:Address>/);
    expect(dome).toContain('onvif://www.onvif.org/name/Piazza%20Verdi');
    expect(dome).toContain('onvif://www.onvif.org/hardware/VS-DOME-1080');
    expect(dome).toContain('onvif://www.onvif.org/Profile/Streaming');
    expect(dome).toContain(`<d:XAddrs>${env.onvif.deviceUrl('cam-003')}</d:XAddrs>`);
    // The endpoint reference is stable per camera id.
    const again = await sendProbe('', 5000);
    const uuidOf = (xs: string[]): string | undefined =>
      /<wsa:Address>(urn:uuid:[0-9a-f-]+)</.exec(
        xs.find((a) => a.includes('cam-003/device')) ?? '',
      )?.[1];
    expect(uuidOf(answers)).toMatch(/^urn:uuid:/);
    expect(uuidOf(again)).toBe(uuidOf(answers));
  });

  it('does not answer a probe for other types', async () => {
    const answers = await sendProbe('x:Printer', 0);
    expect(answers.every((a) => a.includes('NetworkVideoTransmitter'))).toBe(true);
    expect(answers).toHaveLength(3);
  });
});

describe('a dome picture follows its position', () => {
  it('shows another still and switches its streams after the dome turns', async () => {
    const auth = {
      authorization: `Basic ${Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64')}`,
    };
    const still = async (): Promise<Buffer> =>
      Buffer.from(
        await (await fetch(env.onvif.snapshotUrl('cam-003'), { headers: auth })).arrayBuffer(),
      );
    const before = await still();
    const viewer = await TestRtspClient.connect(env.sim.url('cam-003'), CREDS);
    await viewer.play();
    const ptz = env.onvif.deviceUrl('cam-003').replace(/device_service$/, 'ptz_service');
    const r = await rawSoap(
      ptz,
      `<AbsoluteMove xmlns="http://www.onvif.org/ver20/ptz/wsdl"><ProfileToken>main</ProfileToken>` +
        `<Position><PanTilt xmlns="http://www.onvif.org/ver10/schema" x="1" y="1"/><Zoom xmlns="http://www.onvif.org/ver10/schema" x="1"/></Position></AbsoluteMove>`,
      { creds: CREDS },
    );
    expect(r.status).toBe(200);
    const after = await still();
    expect(after.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(after.equals(before)).toBe(false);
    // The RTSP streams play the view of the new position once its clip is encoded.
    await waitFor(() => env.onvif.pictureView('cam-003'), {
      timeoutMs: 120_000,
      what: 'the dome view clip',
    });
    expect(env.onvif.pictureView('cam-003')).toEqual({ pan: 8, tilt: 4, zoom: 2 });
    const spec = env.sim.describe('cam-003').main;
    expect(spec.view).toEqual({ pan: 8, tilt: 4, zoom: 2 });
    // A client already playing switches to the view's clip at a key frame.
    try {
      const turned = await loadPreparedClip(spec);
      const start = viewer.frameEnds().length;
      await viewer.waitFor(
        () => viewer.frameEnds().length >= start + 40,
        10_000,
        'frames after the turn',
      );
      const after = receivedFrames(viewer.rtp).slice(start);
      const first = after.findIndex(
        (f) => turned.frames[0] !== undefined && samePayloads(f, turned.frames[0]),
      );
      expect(first).toBeGreaterThanOrEqual(0);
      expect(
        after
          .slice(first, first + 5)
          .every((f, i) => turned.frames[i] && samePayloads(f, turned.frames[i])),
      ).toBe(true);
    } finally {
      await viewer.close();
    }
  }, 150_000);
});
