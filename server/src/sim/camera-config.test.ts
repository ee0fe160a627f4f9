import { describe, expect, it } from 'vitest';
import { isAppError } from '../app/errors.ts';
import { alternateSize, numberedCameras, planCameras } from './camera-config.ts';
import { clipKey, normaliseClip } from './clip-spec.ts';

describe('camera plans', () => {
  it('numbers cameras cam-001... and gives each a 640x360 sub-stream', () => {
    const cams = numberedCameras(3);
    expect(cams.map((c) => c.id)).toEqual(['cam-001', 'cam-002', 'cam-003']);
    const plans = planCameras(cams);
    expect(plans[0]?.main).toMatchObject({ width: 1920, height: 1080, label: 'cam-001' });
    expect(plans[0]?.sub).toMatchObject({ width: 640, height: 360 });
  });

  it('burns names per camera for few cameras and a shared label for many', () => {
    const few = planCameras([
      { id: 'a', codec: 'h264', width: 320, height: 180, name: 'Via Roma' },
    ]);
    expect(few[0]?.main.label).toBe('a  Via Roma');
    const many = planCameras(numberedCameras(40));
    const labels = new Set(many.map((p) => p.main.label));
    expect([...labels]).toEqual(['Vedetta sim 1920x1080']);
  });

  it('refuses duplicate or malformed ids, naming the field', () => {
    const bad = (f: () => unknown, text: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e, 'invalid_argument')).toBe(true);
        expect((e as Error).message).toContain(text);
      }
    };
    bad(() => planCameras([{ id: 'a/b', codec: 'h264', width: 2, height: 2 }]), "'cameras[0].id'");
    bad(
      () =>
        planCameras([
          { id: 'x', codec: 'h264', width: 2, height: 2 },
          { id: 'x', codec: 'h264', width: 2, height: 2 },
        ]),
      'used twice',
    );
    bad(() => normaliseClip({ codec: 'h264', width: 321, height: 180 }), "'width' and 'height'");
    bad(() => numberedCameras(0), "'cameras'");
  });

  it('switches 1080p to 720p and back for a resolution change', () => {
    const cfg = { width: 1920, height: 1080 };
    expect(alternateSize(cfg, cfg)).toEqual({ width: 1280, height: 720 });
    expect(alternateSize({ width: 1280, height: 720 }, cfg)).toEqual(cfg);
    expect(alternateSize({ width: 320, height: 180 }, { width: 320, height: 180 })).toEqual({
      width: 160,
      height: 90,
    });
  });
});

describe('clip specs', () => {
  it('rounds the loop up to whole GOPs and keys files by every field', () => {
    const a = normaliseClip({
      codec: 'h265',
      width: 640,
      height: 360,
      gopSeconds: 2,
      loopSeconds: 9,
    });
    expect(a.loopSeconds).toBe(10);
    expect(a.fps).toBe(25);
    expect(a.bitrateKbps).toBeGreaterThan(300);
    const b = normaliseClip({ codec: 'h265', width: 640, height: 360, gopSeconds: 2, label: 'x' });
    expect(clipKey(a)).not.toBe(clipKey(b));
    expect(clipKey(a)).toMatch(/^h265-640x360-25fps-[0-9a-f]{12}$/);
  });
});
