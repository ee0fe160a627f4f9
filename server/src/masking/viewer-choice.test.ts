import { describe, expect, it } from 'vitest';
import { chooseVideo, type VideoChoiceInput } from './viewer-choice.ts';

const base: VideoChoiceInput = {
  viewerAgencyId: 'carabinieri',
  ownerAgencyId: 'polizia-municipale',
  cameraHasMasks: true,
  liftInForce: false,
};

describe('chooseVideo', () => {
  it('gives a partner agency the masked stream of a masked camera', () => {
    expect(chooseVideo(base)).toBe('masked');
  });
  it('gives the owning agency the camera stream (the browser draws the masks)', () => {
    expect(chooseVideo({ ...base, viewerAgencyId: 'polizia-municipale' })).toBe('own');
    expect(chooseVideo({ ...base, viewerAgencyId: 'polizia-municipale', liftInForce: true })).toBe(
      'own',
    );
  });
  it('gives the camera stream when the camera has no masks', () => {
    expect(chooseVideo({ ...base, cameraHasMasks: false })).toBe('own');
  });
  it('gives a partner user with a lift in force the camera stream, marked as lifted', () => {
    expect(chooseVideo({ ...base, liftInForce: true })).toBe('lifted');
  });
  it('masks for everyone outside when the owner agency is unknown', () => {
    expect(chooseVideo({ ...base, ownerAgencyId: '', viewerAgencyId: '' })).toBe('masked');
  });
});
