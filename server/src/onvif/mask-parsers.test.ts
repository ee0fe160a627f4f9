import { describe, expect, it } from 'vitest';
import { OnvifError } from './errors.ts';
import { fixture } from './fixtures.ts';
import {
  onvifToPicture,
  parseCreateMask,
  parseMasks,
  parseVideoSourceConfigurationToken,
  pictureToOnvif,
} from './mask-parsers.ts';
import { isNotSupported } from './masks-client.ts';
import { readResponse } from './soap.ts';
import { parseXml } from './xml.ts';

const read = (name: string, op = 'GetMasks') => readResponse(fixture(name), op);

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('ONVIF ↔ picture coordinates', () => {
  it('maps the corners and the centre: x′ = (x+1)/2, y′ = (1−y)/2 (ONVIF y up, picture y down)', () => {
    expect(onvifToPicture(-1, 1)).toEqual([0, 0]); // top-left
    expect(onvifToPicture(1, 1)).toEqual([1, 0]); // top-right
    expect(onvifToPicture(-1, -1)).toEqual([0, 1]); // bottom-left
    expect(onvifToPicture(1, -1)).toEqual([1, 1]); // bottom-right
    expect(onvifToPicture(0, 0)).toEqual([0.5, 0.5]);
    expect(onvifToPicture(-0.5, 0.5)).toEqual([0.25, 0.25]);
    expect(onvifToPicture(0.5, -0.5)).toEqual([0.75, 0.75]);
  });

  it('goes back and forth, and clamps points outside the picture', () => {
    for (const [x, y] of [
      [0.1, 0.9],
      [0.25, 0.75],
      [0.6, 0.3],
    ] as const) {
      const [ox, oy] = pictureToOnvif(x, y);
      const [bx, by] = onvifToPicture(ox, oy);
      expect(bx).toBeCloseTo(x, 12);
      expect(by).toBeCloseTo(y, 12);
    }
    expect(pictureToOnvif(0, 0)).toEqual([-1, 1]);
    expect(onvifToPicture(1.25, -1.5)).toEqual([1, 1]);
    expect(onvifToPicture(-3, 2)).toEqual([0, 0]);
  });
});

describe('GetMasks answers written from the Media2 spec', () => {
  it('reads masks with env:/tr2:/tt: prefixes: polygon, type, colour, enabled', () => {
    const masks = parseMasks(read('get-masks.media2.env.xml'));
    expect(masks).toEqual([
      {
        token: 'mask-1',
        configurationToken: 'vsc-1',
        // The top-left quarter of the picture.
        points: [
          [0, 0],
          [0.5, 0],
          [0.5, 0.5],
          [0, 0.5],
        ],
        type: 'Color',
        color: {
          x: 16,
          y: 128,
          z: 128,
          colorspace: 'http://www.onvif.org/ver10/colorspace/YCbCr',
        },
        enabled: true,
      },
      {
        token: 'mask-2',
        configurationToken: 'vsc-1',
        points: [
          [0.75, 0.75],
          [1, 0.75],
          [1, 1],
        ],
        type: 'Pixelated',
        color: null,
        enabled: false,
      },
    ]);
  });

  it('reads SOAP-ENV:/ns2:/onvif: prefixes, Enabled as 1, and clamps points off the picture', () => {
    const masks = parseMasks(read('get-masks.media2.soap-env.xml'));
    expect(masks.map((m) => [m.token, m.type, m.enabled])).toEqual([
      ['PrivacyMask_0', 'Blurred', true],
      ['PrivacyMask_1', 'Color', true],
    ]);
    const window = masks[0]?.points ?? [];
    expect(window.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))])).toEqual([
      [0.2, 0.25],
      [0.35, 0.25],
      [0.35, 0.4],
      [0.2, 0.4],
    ]);
    expect(masks[1]?.points[0]).toEqual([1, 1]);
  });

  it('reads an empty answer in the default namespace', () => {
    expect(parseMasks(read('get-masks.media2.empty.s.xml'))).toEqual([]);
  });

  it('refuses a mask without a token, with too few points, or with a point not a number', () => {
    const answer = (inner: string) =>
      parseXml(`<r:GetMasksResponse xmlns:r="urn:r" xmlns:t="urn:t">${inner}</r:GetMasksResponse>`);
    const pts = '<t:Point x="0" y="0"/><t:Point x="1" y="0"/><t:Point x="0" y="1"/>';
    const cases = [
      `<r:Masks><t:Polygon>${pts}</t:Polygon></r:Masks>`,
      `<r:Masks token="a"><t:Polygon><t:Point x="0" y="0"/><t:Point x="1" y="1"/></t:Polygon></r:Masks>`,
      `<r:Masks token="a"><t:Polygon>${pts.replace('x="1"', 'x="wide"')}</t:Polygon></r:Masks>`,
      `<r:Masks token="a"><t:Polygon>${pts}</t:Polygon><t:Enabled>maybe</t:Enabled></r:Masks>`,
    ];
    for (const inner of cases) {
      const e = errorOf(() => parseMasks(answer(inner)));
      expect(e, inner).toBeInstanceOf(OnvifError);
      expect((e as OnvifError).reason).toBe('protocol');
      expect((e as OnvifError).message).toMatch(/^ONVIF GetMasks: /);
    }
    expect(
      parseMasks(answer(`<r:Masks token="a"><t:Polygon>${pts}</t:Polygon></r:Masks>`)),
    ).toEqual([
      {
        token: 'a',
        configurationToken: '',
        points: [
          [0.5, 0.5],
          [1, 0.5],
          [0.5, 0],
        ],
        type: 'Color',
        color: null,
        enabled: true,
      },
    ]);
  });

  it('refuses an answer that is not GetMasksResponse', () => {
    const e = errorOf(() => parseMasks(read('get-profiles.media2.tt.xml', 'GetProfiles')));
    expect((e as OnvifError).reason).toBe('protocol');
  });

  it('takes ActionNotSupported as "not supported", other faults not', () => {
    const unsupported = errorOf(() => read('fault.soap12.action-not-supported.xml'));
    expect(isNotSupported(unsupported)).toBe(true);
    const noProfile = errorOf(() => read('fault.soap12.no-profile.xml'));
    expect(isNotSupported(noProfile)).toBe(false);
    expect(isNotSupported(new Error('x'))).toBe(false);
  });

  it('reads the video source configuration of a profile, and CreateMask tokens', () => {
    expect(
      parseVideoSourceConfigurationToken(
        read('get-profiles.media2.video-source.xml', 'GetProfiles'),
      ),
    ).toBe('VideoSourceConfig_1');
    expect(
      parseVideoSourceConfigurationToken(read('get-profiles.media2.tt.xml', 'GetProfiles')),
    ).toBe('vs');
    const created = parseXml(
      '<a:CreateMaskResponse xmlns:a="urn:a"><a:Token>m7</a:Token></a:CreateMaskResponse>',
    );
    expect(parseCreateMask(created)).toBe('m7');
    expect(errorOf(() => parseCreateMask(parseXml('<CreateMaskResponse/>')))).toBeInstanceOf(
      OnvifError,
    );
  });
});
