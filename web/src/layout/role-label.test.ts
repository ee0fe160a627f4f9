import { describe, expect, it } from 'vitest';
import { roleLabel } from './role-label.ts';

describe('roleLabel', () => {
  it('translates known roles and keeps unknown ones as sent', () => {
    expect(roleLabel('it', 'administrator')).toBe('Amministratore');
    expect(roleLabel('en', 'operator')).toBe('Operator');
    expect(roleLabel('en', 'dpo')).toBe('dpo');
    expect(roleLabel('it', 'toString')).toBe('toString');
  });
});
