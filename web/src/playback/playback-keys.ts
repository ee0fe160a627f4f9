/**
 * The recordings page's keyboard, as data: which key does what (space play/pause, ←/→ a frame
 * when paused, J/K/L slower/pause/faster, Home/End the start/end of what is recorded in view,
 * +/− zoom). Keys typed into a field are the field's.
 */

/** What a key asks the page to do. */
export type KeyAction =
  | 'toggle'
  | 'frameBack'
  | 'frameForward'
  | 'slower'
  | 'pause'
  | 'faster'
  | 'first'
  | 'last'
  | 'zoomIn'
  | 'zoomOut';

/** The parts of a key event the mapping reads. */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focused element's tag (`INPUT`, `SELECT`, …) and role. */
  targetTag?: string;
  targetRole?: string | null;
}

const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** The action of a key press, or undefined when the key is not the page's. */
export function keyAction(e: KeyInput): KeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  if (e.targetTag && FIELDS.has(e.targetTag)) return undefined;
  // A focused button answers space and Enter itself.
  if (e.key === ' ' && (e.targetTag === 'BUTTON' || e.targetTag === 'A')) return undefined;
  switch (e.key) {
    case ' ':
      return 'toggle';
    case 'ArrowLeft':
      return 'frameBack';
    case 'ArrowRight':
      return 'frameForward';
    case 'j':
    case 'J':
      return 'slower';
    case 'k':
    case 'K':
      return 'pause';
    case 'l':
    case 'L':
      return 'faster';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
    case '−':
      return 'zoomOut';
    default:
      return undefined;
  }
}

/** The speed after J (slower) or L (faster) from `rate`, among `speeds` (ascending). */
export function nextRate(speeds: readonly number[], rate: number, direction: 1 | -1): number {
  const i = speeds.indexOf(rate);
  const at = i < 0 ? speeds.indexOf(1) : i;
  return speeds[Math.min(speeds.length - 1, Math.max(0, at + direction))] ?? rate;
}
