/**
 * The wall's keyboard shortcuts, pure: which key does what. Layouts: 1 (one tile), 4 (2×2),
 * 9 (3×3), 6 (4×4, "16"), 5 (1+5), 7 (1+7), 2 (1+12, "12"); Alt+1…9 show the first nine views of
 * the folder list; arrows move the selected tile; Enter enlarges it or shrinks it back; Escape
 * shrinks; ? opens the help. Keys typed into a field are not shortcuts.
 */
import type { Direction, Layout } from './layout-geometry.ts';

/** What a key does on the wall. */
export type WallKeyAction =
  | { kind: 'layout'; layout: Layout }
  | { kind: 'view'; index: number }
  | { kind: 'move'; direction: Direction }
  | { kind: 'enlarge' }
  | { kind: 'shrink' }
  | { kind: 'help' };

/** The layout of each layout key. */
export const LAYOUT_KEYS: Readonly<Record<string, Layout>> = {
  '1': '1',
  '4': '4',
  '9': '9',
  '6': '16',
  '5': '1+5',
  '7': '1+7',
  '2': '1+12',
};

const ARROWS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** The parts of a keyboard event that decide. */
export interface KeyPress {
  key: string;
  /** `KeyboardEvent.code`, e.g. `Digit3` (Alt+digit types other characters on some layouts). */
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** Whether the key was typed into a text field, a select or an editable element. */
  inField: boolean;
}

/** What a key press does on the wall, or null for none. */
export function wallKeyAction(k: KeyPress): WallKeyAction | null {
  if (k.inField || k.ctrlKey || k.metaKey) return null;
  if (k.altKey) {
    const m = /^Digit([1-9])$/.exec(k.code);
    return m ? { kind: 'view', index: Number(m[1]) - 1 } : null;
  }
  const layout = LAYOUT_KEYS[k.key];
  if (layout !== undefined) return { kind: 'layout', layout };
  const direction = ARROWS[k.key];
  if (direction !== undefined) return { kind: 'move', direction };
  if (k.key === 'Enter') return { kind: 'enlarge' };
  if (k.key === 'Escape') return { kind: 'shrink' };
  if (k.key === '?') return { kind: 'help' };
  return null;
}

/** True when the event's target is a field whose keys are text, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
