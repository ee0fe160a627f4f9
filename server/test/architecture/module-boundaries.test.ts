/**
 * The module boundaries hold, and the checks that keep them would catch a break: the ESLint rule
 * `vedetta/module-boundaries` reports an import into another module's internals, an import of
 * the same or a higher layer, and an import of the top; the module-graph script passes on the
 * tree as it is and fails on a tree with a cycle.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import vedetta from '../../../scripts/eslint-module-boundaries.mjs';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const src = path.join(repo, 'server/src');

function lint(file: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { vedetta },
        rules: { 'vedetta/module-boundaries': 'error' },
      },
    ],
    path.join(src, file),
  );
  return messages.map((m) => m.message);
}

describe('the module-boundaries lint rule', () => {
  it('accepts an import of a lower module through its index.ts', () => {
    expect(lint('recording/x.ts', "import { AppError } from '../app/index.ts';")).toEqual([]);
    expect(lint('recording/x.ts', "import { something } from './segment-path.ts';")).toEqual([]);
  });

  it("reports an import into another module's internals", () => {
    const found = lint('recording/x.ts', "import { AppError } from '../app/errors.ts';");
    expect(found).toEqual([expect.stringContaining('through its index.ts, not its internal file')]);
  });

  it('reports an import of the same or a higher layer, which could close a cycle', () => {
    const up = lint('app/x.ts', "import { createRecordingService } from '../recording/index.ts';");
    expect(up).toEqual([expect.stringContaining("'app' (layer 0) may not import 'recording'")]);
    const same = lint('accounts/x.ts', "export { cameraExists } from '../cameras/index.ts';");
    expect(same).toEqual([expect.stringContaining('may not import')]);
    const dynamic = lint('media/x.ts', "const m = await import('../ingest/index.ts');");
    expect(dynamic).toEqual([expect.stringContaining('may not import')]);
  });

  it('reports an import of the top, which nothing imports', () => {
    expect(lint('cli/x.ts', "import { startVedetta } from '../main.ts';")).toEqual([
      expect.stringContaining('it is the top'),
    ]);
  });
});

describe('the module-graph script', () => {
  it('passes on the tree as it is', async () => {
    const { stdout } = await run('node', [path.join(repo, 'scripts/module-graph.mjs')]);
    expect(stdout).toContain('no cycle');
  });

  it('fails naming the modules of a cycle', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-graph-'));
    try {
      cpSync(path.join(repo, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
      for (const [file, code] of [
        [
          'server/src/app/index.ts',
          "export { b } from '../media/index.ts';\nexport const a = 1;\n",
        ],
        ['server/src/media/index.ts', "export { a as b } from '../app/index.ts';\n"],
        ['web/src/i18n/index.ts', 'export const t = 1;\n'],
      ] as const) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), code);
      }
      const failed = await run('node', [path.join(dir, 'scripts/module-graph.mjs')]).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain('modules in a cycle: app, media');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
