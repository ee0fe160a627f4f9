#!/usr/bin/env node
// Prints the module graph of server/src and web/src (a module is a folder directly under src/;
// files directly in src/ form the top, "(top)"), and exits non-zero when modules import each other
// in a cycle, or an import breaks the layer order of scripts/module-layers.mjs or skips the
// target module's index.ts (the same check as the ESLint rule vedetta/module-boundaries).
// Usage: node scripts/module-graph.mjs [--quiet]
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative, sep } from 'node:path';
import { importProblem } from './module-boundaries.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const quiet = process.argv.includes('--quiet');
const TOP = '(top)';

/** Every .ts/.tsx file under a folder, tests excluded. */
function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** @returns {{ module: string, file: string }} */
function locate(srcDir, file) {
  const parts = relative(srcDir, file).split(sep);
  return parts.length === 1
    ? { module: TOP, rest: parts[0] }
    : { module: parts[0], rest: parts.slice(1).join('/') };
}

function analyse(srcDir) {
  const edges = new Map(); // module -> Map(target -> count)
  const bypasses = [];
  for (const file of sourceFiles(srcDir)) {
    const from = locate(srcDir, file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = resolveImport(file, spec);
      if (!target || !target.startsWith(srcDir + sep)) continue;
      const to = locate(srcDir, target);
      if (to.module === from.module) continue;
      const problem = importProblem(file, target);
      if (problem) bypasses.push(`${relative(root, file)} → ${relative(root, target)}: ${problem}`);
      if (!edges.has(from.module)) edges.set(from.module, new Map());
      const m2 = edges.get(from.module);
      m2.set(to.module, (m2.get(to.module) ?? 0) + 1);
    }
  }
  return { edges, bypasses };
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(edges) {
  let index = 0;
  const idx = new Map(),
    low = new Map(),
    stack = [],
    on = new Set(),
    out = [];
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...nodes].sort()) if (!idx.has(v)) visit(v);
  return out;
}

let failed = false;
for (const area of ['server/src', 'web/src']) {
  const srcDir = join(root, area);
  const { edges, bypasses } = analyse(srcDir);
  if (!quiet) {
    console.log(`${area}:`);
    for (const mod of [...edges.keys()].sort()) {
      const targets = [...edges.get(mod).keys()].sort();
      console.log(`  ${mod} → ${targets.join(', ')}`);
    }
  }
  const found = cycles(edges);
  for (const comp of found) {
    failed = true;
    const inner = comp.map(
      (m) =>
        `${m} → ${[...(edges.get(m)?.keys() ?? [])].filter((t) => comp.includes(t)).join(', ')}`,
    );
    console.error(`${area}: modules in a cycle: ${comp.join(', ')}\n    ${inner.join('\n    ')}`);
  }
  if (bypasses.length > 0) {
    failed = true;
    console.error(
      `${area}: ${bypasses.length} imports break the module boundaries, e.g.\n    ${bypasses.slice(0, 20).join('\n    ')}`,
    );
  }
}
if (failed) process.exit(1);
console.log(
  'module graph: no cycle; every import between modules goes downward, through an index.ts',
);
