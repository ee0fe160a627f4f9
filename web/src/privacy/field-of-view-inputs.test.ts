import { describe, expect, it } from 'vitest';
import { fieldOfViewFromText, fieldOfViewText } from './field-of-view-inputs.tsx';

describe('field of view inputs', () => {
  it('reads all three, none, or refuses a partial or out-of-range one', () => {
    expect(fieldOfViewFromText({ direction: '135', angle: '70,5', range: '60' })).toEqual({
      directionDeg: 135,
      angleDeg: 70.5,
      rangeM: 60,
    });
    expect(fieldOfViewFromText({ direction: ' ', angle: '', range: '' })).toBeNull();
    expect(fieldOfViewFromText({ direction: '135', angle: '', range: '60' })).toBeUndefined();
    expect(fieldOfViewFromText({ direction: '360', angle: '70', range: '60' })).toBeUndefined();
    expect(fieldOfViewFromText({ direction: '10', angle: '70', range: '9000' })).toBeUndefined();
  });

  it('writes a stated one back as text', () => {
    expect(fieldOfViewText({ directionDeg: 90, angleDeg: 45, rangeM: 30 })).toEqual({
      direction: '90',
      angle: '45',
      range: '30',
    });
    expect(fieldOfViewText(null)).toEqual({ direction: '', angle: '', range: '' });
  });
});
