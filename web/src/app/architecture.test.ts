/**
 * Rules of the web app's shape that the compiler does not check: HTTP goes through the one
 * request function of `api/`, and every area (a folder directly under web/src/) has an
 * `index.ts` entry that its README names. (The import order between areas is checked by
 * scripts/module-graph.mjs against scripts/module-layers.mjs.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(dirname(fileURLToPath(import.meta.url)));
/** The one file allowed to call fetch. */
const REQUEST_FILE = 'api/request.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The text of a file without its comments (roughly: enough not to match prose). */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

const areas = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());

describe('web app architecture', () => {
  it('calls fetch in one place only: the request function of api/', () => {
    const callers = sourceFiles(SRC)
      .filter((file) => /\bfetch\s*\(|XMLHttpRequest|sendBeacon/.test(code(file)))
      .map((file) => relative(SRC, file).split(sep).join('/'));
    expect(callers).toEqual([REQUEST_FILE]);
  });

  it('gives every area an index.ts, named as the entry in its README', () => {
    expect(areas.length).toBeGreaterThan(10);
    for (const area of areas) {
      const files = readdirSync(join(SRC, area));
      expect(files, area).toContain('index.ts');
      expect(files, area).toContain('README.md');
      expect(readFileSync(join(SRC, area, 'README.md'), 'utf8'), area).toMatch(
        /Entry: `index\.ts`/,
      );
    }
  });
});
