import { describe, expect, it } from 'vitest';
import { maskImagePam, type Polygon } from '../privacy/index.ts';
import { maskImage } from './mask-image.ts';

const W = 64;
const H = 48;

/** Alpha of pixel (px, py) of the full picture, from a rectangle image. */
function alphaAt(img: ReturnType<typeof maskImage>, px: number, py: number): number {
  const inside = px >= img.x && px < img.x + img.width && py >= img.y && py < img.y + img.height;
  if (!inside) return 0;
  const headerLength = img.pam.length - img.width * img.height * 4;
  return img.pam[headerLength + ((py - img.y) * img.width + (px - img.x)) * 4 + 3] ?? -1;
}

describe('maskImage', () => {
  it('holds only the masks’ rectangle, even-aligned, with the same pixels as the full image', () => {
    const polygons: Polygon[] = [
      [
        [0.31, 0.27],
        [0.6, 0.27],
        [0.6, 0.5],
      ],
      [
        [0.7, 0.6],
        [0.9, 0.6],
        [0.9, 0.9],
        [0.7, 0.9],
      ],
    ];
    const img = maskImage(polygons, W, H);
    expect(img.x % 2).toBe(0);
    expect(img.y % 2).toBe(0);
    expect(img.width % 2).toBe(0);
    expect(img.height % 2).toBe(0);
    expect(img.width * img.height).toBeLessThan(W * H);
    const full = maskImagePam(polygons, W, H);
    const fullHeader = full.length - W * H * 4;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        expect(alphaAt(img, x, y), `pixel ${x},${y}`).toBe(full[fullHeader + (y * W + x) * 4 + 3]);
      }
    }
  });

  it('is a transparent 2x2 picture when there is no mask', () => {
    const img = maskImage([], W, H);
    expect([img.x, img.y, img.width, img.height]).toEqual([0, 0, 2, 2]);
    expect(Array.from(img.pam.slice(-16)).filter((_, i) => i % 4 === 3)).toEqual([0, 0, 0, 0]);
  });
});
