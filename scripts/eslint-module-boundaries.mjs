/**
 * ESLint rule `vedetta/module-boundaries`: an import into another module must go to that
 * module's `index.ts` and to a lower layer (scripts/module-layers.mjs), so no module reaches into
 * another's internals and no two modules import each other, directly or around a circle.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { importProblem } from './module-boundaries.mjs';

function resolveSpecifier(file, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(file), spec);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports between modules go through index.ts and downward only' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const target = resolveSpecifier(file, source.value);
      if (!target) return;
      const problem = importProblem(file, target);
      if (problem) context.report({ node: source, message: problem });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

/** The plugin, registered in eslint.config.js as `vedetta`. */
export default { rules: { 'module-boundaries': rule } };
