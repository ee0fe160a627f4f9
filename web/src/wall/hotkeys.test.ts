import { describe, expect, it } from 'vitest';
import { wallKeyAction, type KeyPress } from './hotkeys.ts';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  inField: false,
  ...over,
});

describe('wall hotkeys', () => {
  it('switches layouts, views, moves and enlarges', () => {
    expect(wallKeyAction(press('9'))).toEqual({ kind: 'layout', layout: '9' });
    expect(wallKeyAction(press('6'))).toEqual({ kind: 'layout', layout: '16' });
    expect(wallKeyAction(press('5'))).toEqual({ kind: 'layout', layout: '1+5' });
    expect(wallKeyAction(press('2'))).toEqual({ kind: 'layout', layout: '1+12' });
    expect(wallKeyAction(press('¡', { altKey: true, code: 'Digit1' }))).toEqual({
      kind: 'view',
      index: 0,
    });
    expect(wallKeyAction(press('ArrowRight'))).toEqual({ kind: 'move', direction: 'right' });
    expect(wallKeyAction(press('Enter'))).toEqual({ kind: 'enlarge' });
  });

  it('leaves keys typed in a field, and with Ctrl, alone', () => {
    expect(wallKeyAction(press('4', { inField: true }))).toBeNull();
    expect(wallKeyAction(press('4', { ctrlKey: true }))).toBeNull();
    expect(wallKeyAction(press('x'))).toBeNull();
  });
});
