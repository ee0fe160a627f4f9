import { describe, expect, it } from 'vitest';
import { fromMercator, overlayCorners, toMercator } from './overlay-geometry.ts';

const near = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  expect(a.lat).toBeCloseTo(b.lat, 9);
  expect(a.lon).toBeCloseTo(b.lon, 9);
};

describe('overlay geometry', () => {
  it('round-trips Web Mercator', () => {
    near(fromMercator(toMercator({ lat: 44.1025, lon: 9.824 })), { lat: 44.1025, lon: 9.824 });
  });

  it('two points on the diagonal of a north-up image give its corners', () => {
    const tl = { lat: 44.11, lon: 9.82 };
    const br = { lat: 44.1, lon: 9.83 };
    // Pick the image's height so that it is north-up: the same scale on both axes in Mercator.
    const [x0, y0] = toMercator(tl);
    const [x1, y1] = toMercator(br);
    const width = 1000;
    const height = (width * (y0 - y1)) / (x1 - x0);
    const c = overlayCorners({ width, height }, [
      { pixel: [0, 0], ...tl },
      { pixel: [width, height], ...br },
    ]);
    near(c.topLeft, tl);
    near(c.bottomRight, br);
    near(c.topRight, { lat: tl.lat, lon: br.lon });
    near(c.bottomLeft, { lat: br.lat, lon: tl.lon });
  });

  it('two points rotate the image: a plan drawn with north to the right', () => {
    // Pixel (0,0) at the origin's position; pixel (100,0) due north of it.
    const a = fromMercator([1_000_000, 5_000_000]);
    const b = fromMercator([1_000_000, 5_000_100]);
    const c = overlayCorners({ width: 100, height: 50 }, [
      { pixel: [0, 0], ...a },
      { pixel: [100, 0], ...b },
    ]);
    // Image y (down) points east when image x points north.
    const bl = toMercator(c.bottomLeft);
    expect(bl[0]).toBeCloseTo(1_000_050, 6);
    expect(bl[1]).toBeCloseTo(5_000_000, 6);
  });

  it('three points give any affine placement, and reproduce the points themselves', () => {
    const p1 = { pixel: [10, 20] as const, lat: 44.101, lon: 9.821 };
    const p2 = { pixel: [500, 40] as const, lat: 44.1015, lon: 9.828 };
    const p3 = { pixel: [30, 400] as const, lat: 44.097, lon: 9.8205 };
    const c = overlayCorners({ width: 600, height: 450 }, [p1, p2, p3]);
    // Affine: the fourth corner closes the parallelogram in Mercator.
    const [tl, tr, bl, br] = [c.topLeft, c.topRight, c.bottomLeft, c.bottomRight].map(toMercator);
    expect(br?.[0]).toBeCloseTo((tr?.[0] ?? 0) + (bl?.[0] ?? 0) - (tl?.[0] ?? 0), 6);
    expect(br?.[1]).toBeCloseTo((tr?.[1] ?? 0) + (bl?.[1] ?? 0) - (tl?.[1] ?? 0), 6);
    // The plan's own points land where configured: corners → the pixel's position.
    const lerp = (u: number, v: number) => [
      (tl?.[0] ?? 0) +
        u * ((tr?.[0] ?? 0) - (tl?.[0] ?? 0)) +
        v * ((bl?.[0] ?? 0) - (tl?.[0] ?? 0)),
      (tl?.[1] ?? 0) +
        u * ((tr?.[1] ?? 0) - (tl?.[1] ?? 0)) +
        v * ((bl?.[1] ?? 0) - (tl?.[1] ?? 0)),
    ];
    for (const p of [p1, p2, p3]) {
      const [x, y] = lerp(p.pixel[0] / 600, p.pixel[1] / 450);
      near(fromMercator([x ?? 0, y ?? 0]), p);
    }
  });

  it('refuses coincident and collinear points', () => {
    const p = { pixel: [5, 5] as const, lat: 44.1, lon: 9.8 };
    expect(() => overlayCorners({ width: 10, height: 10 }, [p, { ...p, lat: 44.2 }])).toThrow(
      'different pixels',
    );
    expect(() =>
      overlayCorners({ width: 10, height: 10 }, [
        { pixel: [0, 0], lat: 44.1, lon: 9.8 },
        { pixel: [5, 5], lat: 44.2, lon: 9.9 },
        { pixel: [10, 10], lat: 44.3, lon: 9.7 },
      ]),
    ).toThrow('one line');
  });
});
