import { describe, expect, it } from 'vitest';
import { sectionsFor, type Section } from './section.ts';

const all: Section[] = [
  { id: 'cameras', labelKey: 'nav.cameras', page: null, requires: ['live.view', 'audit.read'] },
  { id: 'wall', labelKey: 'nav.wall', page: null, requires: ['live.view'] },
  { id: 'verify', labelKey: 'nav.verify', page: null },
  { id: 'audit', labelKey: 'nav.audit', page: null, requires: ['audit.read'] },
];

describe('the sections a user can use', () => {
  it('shows an auditor only what an auditor can open, in order', () => {
    expect(sectionsFor(all, ['audit.read']).map((s) => s.id)).toEqual([
      'cameras',
      'verify',
      'audit',
    ]);
  });
  it('shows an operator the live sections and not the audit', () => {
    expect(sectionsFor(all, ['live.view', 'playback.view']).map((s) => s.id)).toEqual([
      'cameras',
      'wall',
      'verify',
    ]);
  });
});
