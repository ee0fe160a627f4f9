import { describe, expect, it } from 'vitest';
import { writeGroups } from './video-copy.ts';

describe('writeGroups', () => {
  const buf = Buffer.from('0123456789abcdefghij');
  const text = (groups: Buffer[][]) => groups.map((g) => g.map((b) => b.toString()).join('+'));

  it('gathers ranges into writes of at most the limit, cutting a range that does not fit', () => {
    // Payload ranges of three fragments (their heads skipped): 2..5, 8..14, 17..19.
    const ranges: [number, number][] = [
      [2, 4],
      [8, 7],
      [17, 3],
    ];
    expect(text(writeGroups(buf, ranges, 6))).toEqual(['2345+89', 'abcde+h', 'ij']);
    expect(text(writeGroups(buf, ranges, 100))).toEqual(['2345+89abcde+hij']);
    expect(text(writeGroups(buf, ranges, 1)).join('')).toBe('234589abcdehij');
  });

  it('writes nothing for no bytes', () => {
    expect(writeGroups(buf, [], 4)).toEqual([]);
    expect(writeGroups(buf, [[3, 0]], 4)).toEqual([]);
  });
});
