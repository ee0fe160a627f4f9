/**
 * Migrations are frozen: every file in `server/src/db/migrations/` imports nothing but `kysely`
 * and its siblings in that folder, so that no change to the application's code can change what a
 * shipped migration does (see `migrations/index.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/db/migrations');
/** `import ... from 'x'`, `export ... from 'x'`, `import 'x'` and `import('x')`. */
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g;

function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('migrations', () => {
  it('import only kysely and each other', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    const outside = files.flatMap((file) =>
      importsOf(readFileSync(join(DIR, file), 'utf8'))
        .filter((s) => s !== 'kysely' && !/^\.\/[^/]+\.ts$/.test(s))
        .map((s) => `${file}: ${s}`),
    );
    expect(outside).toEqual([]);
  });

  it('are found by the import scan', () => {
    expect(importsOf("import { sql } from 'kysely';\nimport x from '../database.ts';")).toEqual([
      'kysely',
      '../database.ts',
    ]);
    expect(importsOf("import {\n  a,\n  b,\n} from '../../access/permissions.ts';")).toEqual([
      '../../access/permissions.ts',
    ]);
    expect(importsOf("import 'pg';\nconst m = await import('../app/errors.ts');")).toEqual([
      'pg',
      '../app/errors.ts',
    ]);
  });
});
