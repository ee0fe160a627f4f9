/**
 * The web app's administration pages list the permissions a role or an agreement may hold; that
 * list is a copy of the server's (the web does not import server code). It must name every one,
 * in the server's order, and its camera permissions must be the server's camera permissions —
 * a permission missing there cannot be granted from the pages (as `alarm.handle` once was).
 * The web file is read as text: the server's TypeScript project does not compile the web's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMERA_PERMISSIONS, PERMISSIONS } from '../../src/permissions/index.ts';

const WEB_TYPES = path.resolve(import.meta.dirname, '../../../web/src/admin/admin-types.ts');

describe("the web's permission list", () => {
  it("is the server's, in its order, with the same camera permissions", () => {
    const text = readFileSync(WEB_TYPES, 'utf8');
    const list = /export const PERMISSIONS = \[([\s\S]*?)\] as const;/.exec(text)?.[1] ?? '';
    const names = [...list.replace(/\/\/.*$/gm, '').matchAll(/'([a-z.]+)'/g)].map((m) => m[1]);
    expect(names).toEqual([...PERMISSIONS]);
    const slice = /CAMERA_PERMISSIONS = PERMISSIONS\.slice\(0, (\d+)\)/.exec(text)?.[1];
    expect(Number(slice)).toBe(CAMERA_PERMISSIONS.length);
  });
});
