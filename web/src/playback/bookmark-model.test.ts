import { describe, expect, it } from 'vitest';
import type { Bookmark } from '../bookmarks/index.ts';
import {
  BOOKMARK_LANES,
  bookmarkEvents,
  bookmarkMarks,
  dragSelection,
  exportRangeOf,
  holdRequestText,
  type HoldRequestWords,
  INSTANT_EXPORT_MARGIN_MS,
  markSelectionEnd,
  markSelectionStart,
  MIN_BAND,
  selectedRange,
} from './bookmark-model.ts';
import { recentEvents } from './events-model.ts';
import { camerasOfLink } from './link-model.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 3, 20, 0, 0);
const view = { fromMs: T0, toMs: T0 + 10 * MIN };

function bm(id: string, cameraIds: string[], fromMin: number, toMin = fromMin): Bookmark {
  return {
    id,
    cameraIds,
    fromMs: T0 + fromMin * MIN,
    toMs: T0 + toMin * MIN,
    title: `titolo ${id}`,
    note: '',
    caseReference: null,
    authorId: 'u1',
    authorName: 'rossi',
    agencyId: 'polizia-municipale',
    createdMs: T0,
    updatedMs: T0,
    protectedFromRetention: false,
    editable: true,
  };
}

describe('bookmark marks on a bar', () => {
  it('draws instants as markers and ranges as bands, on the cameras they mark', () => {
    const marks = bookmarkMarks(
      [bm('a', ['cam-001'], 2), bm('b', ['cam-001', 'cam-002'], 4, 6), bm('c', ['cam-002'], 5)],
      'cam-001',
      view,
    );
    expect(marks.map((m) => [m.bookmark.id, m.kind, m.left, m.width, m.lane])).toEqual([
      ['a', 'instant', 0.2, 0, 0],
      ['b', 'range', 0.4, expect.closeTo(0.2, 9), 0],
    ]);
  });

  it('leaves out what is outside the window and clips ranges to its edges', () => {
    const marks = bookmarkMarks(
      [
        bm('before', ['cam-001'], -1),
        bm('after', ['cam-001'], 11),
        bm('edge', ['cam-001'], 10),
        bm('across', ['cam-001'], -5, 3),
        bm('gone', ['cam-001'], -5, 0),
      ],
      'cam-001',
      view,
    );
    expect(marks.map((m) => [m.bookmark.id, m.left, m.width])).toEqual([
      ['across', 0, expect.closeTo(0.3, 9)],
      ['edge', 1, 0],
    ]);
  });

  it('puts overlapping ranges on separate lanes, the extra ones on the last lane', () => {
    const marks = bookmarkMarks(
      [
        bm('r1', ['cam-001'], 1, 5),
        bm('r2', ['cam-001'], 2, 4),
        bm('r3', ['cam-001'], 3, 8),
        bm('r4', ['cam-001'], 6, 7),
      ],
      'cam-001',
      view,
    );
    expect(marks.map((m) => [m.bookmark.id, m.lane])).toEqual([
      ['r1', 0],
      ['r2', 1],
      ['r3', BOOKMARK_LANES - 1],
      ['r4', 0],
    ]);
  });

  it('keeps a very short range visible', () => {
    const [mark] = bookmarkMarks([bm('s', ['cam-001'], 1, 1.0001)], 'cam-001', view);
    expect(mark?.width).toBe(MIN_BAND);
  });
});

describe('bookmarks as recent events', () => {
  it('makes one event per bookmark, on the first shown camera, jumping to its start', () => {
    const events = bookmarkEvents(
      [bm('b', ['cam-001', 'cam-002'], 4, 6), bm('a', ['cam-003'], 2)],
      ['cam-002', 'cam-003'],
    );
    expect(events).toEqual([
      expect.objectContaining({
        key: 'bookmark:b',
        kind: 'bookmark',
        cameraId: 'cam-002',
        cameraIds: ['cam-001', 'cam-002'],
        toMs: T0 + 6 * MIN,
        jumpMs: T0 + 4 * MIN,
        title: 'titolo b',
        ref: 'b',
      }),
      expect.objectContaining({ key: 'bookmark:a', cameraId: 'cam-003', toMs: null }),
    ]);
    // Mixed with the gaps, newest first.
    const timeline = {
      id: 'cam-003',
      spans: [],
      gaps: [
        { from: T0 + 3 * MIN, to: T0 + 3.5 * MIN, cause: 'offline', message: '', open: false },
      ],
      holds: [],
    };
    expect(recentEvents([timeline], events).map((e) => e.key)).toEqual([
      'bookmark:b',
      `gap:cam-003:${T0 + 3 * MIN}`,
      'bookmark:a',
    ]);
  });
});

describe('a range selected on the timeline', () => {
  it('is marked start then end, in either order', () => {
    let sel = markSelectionStart(null, 100);
    expect(selectedRange(sel)).toBeNull();
    sel = markSelectionEnd(sel, 400);
    expect(selectedRange(sel)).toEqual({ fromMs: 100, toMs: 400 });
    // A new start after the end drops the end.
    expect(markSelectionStart(sel, 500)).toEqual({ fromMs: 500, toMs: null });
    // A new start before the end keeps it.
    expect(markSelectionStart(sel, 200)).toEqual({ fromMs: 200, toMs: 400 });
    // An end before the start swaps them; an end without a start starts there.
    expect(markSelectionEnd({ fromMs: 300, toMs: null }, 100)).toEqual({ fromMs: 100, toMs: 300 });
    expect(markSelectionEnd(null, 100)).toEqual({ fromMs: 100, toMs: null });
    expect(markSelectionEnd({ fromMs: 100, toMs: null }, 100)).toEqual({ fromMs: 100, toMs: null });
  });

  it('comes from a drag, either way, unless the drag is too short', () => {
    expect(dragSelection(500, 200, 50)).toEqual({ fromMs: 200, toMs: 500 });
    expect(dragSelection(200, 230, 50)).toBeNull();
  });
});

const words: HoldRequestWords = {
  heading: 'Richiesta di blocco legale',
  cameras: 'Telecamere',
  from: 'Da',
  to: 'A',
  at: 'Istante',
  caseReference: 'Riferimento',
  title: 'Segnalibro',
  note: 'Nota',
  link: 'Collegamento',
  notice: 'Avviso',
  names: new Map([['cam-001', 'Via del Prione']]),
  dateTime: (ms) => `L${ms}`,
  timeZone: 'Europe/Rome',
};

describe('from a bookmark to an export and a hold request', () => {
  it('exports a range as it is and a minute around an instant', () => {
    expect(exportRangeOf({ fromMs: 1_000_000, toMs: 1_060_000 })).toEqual({
      fromMs: 1_000_000,
      toMs: 1_060_000,
    });
    expect(exportRangeOf({ fromMs: 1_000_000, toMs: 1_000_000 })).toEqual({
      fromMs: 1_000_000 - INSTANT_EXPORT_MARGIN_MS,
      toMs: 1_000_000 + INSTANT_EXPORT_MARGIN_MS,
    });
  });

  it('writes the details a hold needs, in the site time and in UTC', () => {
    const text = holdRequestText(
      {
        ...bm('b', ['cam-001', 'cam-002'], 4, 6),
        note: ' Targa AB 12 ',
        caseReference: 'RGNR 7/2026',
      },
      words,
      'https://vedetta.example/#/recordings/x',
    );
    expect(text.split('\n')).toEqual([
      'Richiesta di blocco legale',
      'Telecamere: Via del Prione (cam-001), cam-002 (cam-002)',
      `Da: L${T0 + 4 * MIN} (Europe/Rome) · 2026-03-03T20:04:00.000Z UTC`,
      `A: L${T0 + 6 * MIN} (Europe/Rome) · 2026-03-03T20:06:00.000Z UTC`,
      'Riferimento: RGNR 7/2026',
      'Segnalibro: titolo b',
      'Nota: Targa AB 12',
      'Collegamento: https://vedetta.example/#/recordings/x',
      '',
      'Avviso',
    ]);
    // An instant is written as such: the range of a hold is for whoever places it to decide.
    const instant = holdRequestText(bm('i', ['cam-002'], 4), words, 'u');
    expect(instant.split('\n').slice(1, 4)).toEqual([
      'Telecamere: cam-002 (cam-002)',
      `Istante: L${T0 + 4 * MIN} (Europe/Rome) · 2026-03-03T20:04:00.000Z UTC`,
      'Riferimento: —',
    ]);
  });
});

describe('the cameras a link opens', () => {
  it('keeps only the cameras the user may play back, in order, at most the page holds', () => {
    const playable = new Set(['cam-001', 'cam-002', 'cam-003']);
    expect(camerasOfLink(['cam-009', 'cam-002', 'cam-001', 'cam-002'], playable, 4)).toEqual({
      shown: ['cam-002', 'cam-001'],
      unavailable: ['cam-009'],
    });
    expect(camerasOfLink(['cam-001', 'cam-002', 'cam-003'], playable, 2)).toEqual({
      shown: ['cam-001', 'cam-002'],
      unavailable: ['cam-003'],
    });
    // While the list loads, every camera of the link is kept.
    expect(camerasOfLink(['cam-009'], null, 4)).toEqual({ shown: ['cam-009'], unavailable: [] });
  });
});
