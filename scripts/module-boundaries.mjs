/**
 * Where a file sits in Vedetta's module layout, and whether one file may import another: shared
 * by the ESLint rule (scripts/eslint-module-boundaries.mjs) and scripts/module-graph.mjs.
 * A module is a folder directly under `server/src/` or `web/src/`; files directly in `src/` are
 * the top (`main.ts`, `main.tsx`).
 */
import { relative, resolve, sep } from 'node:path';
import { LAYERS } from './module-layers.mjs';

export const TOP = '(top)';
const root = resolve(new URL('.', import.meta.url).pathname, '..');

/** `{ area, module, rest }` for a file under an area's src/, else null. */
export function locate(file) {
  const rel = relative(root, file).split(sep).join('/');
  for (const area of Object.keys(LAYERS)) {
    if (!rel.startsWith(`${area}/`)) continue;
    const parts = rel.slice(area.length + 1).split('/');
    return parts.length === 1
      ? { area, module: TOP, rest: parts[0] }
      : { area, module: parts[0], rest: parts.slice(1).join('/') };
  }
  return null;
}

/** The layer index of a module (top = Infinity), or undefined when the module is not listed. */
export function layerOf(area, module) {
  if (module === TOP) return Infinity;
  const i = LAYERS[area].findIndex((layer) => layer.includes(module));
  return i < 0 ? undefined : i;
}

/**
 * Why `from` may not import `to` (both absolute paths), or null when it may. Within one module
 * anything goes; between modules only a lower layer's `index.ts`.
 */
export function importProblem(from, to) {
  const a = locate(from);
  const b = locate(to);
  if (!a || !b || a.area !== b.area || a.module === b.module) return null;
  if (b.module === TOP) return `nothing imports ${b.area}/${b.rest}: it is the top`;
  const la = layerOf(a.area, a.module);
  const lb = layerOf(b.area, b.module);
  if (la === undefined) return `module '${a.module}' is not in scripts/module-layers.mjs`;
  if (lb === undefined) return `module '${b.module}' is not in scripts/module-layers.mjs`;
  if (lb >= la) {
    return `'${a.module}' (layer ${la}) may not import '${b.module}' (layer ${lb}): a module imports only lower layers (scripts/module-layers.mjs)`;
  }
  if (!/^index\.tsx?$/.test(b.rest)) {
    return `import '${b.module}' through its index.ts, not its internal file ${b.rest}`;
  }
  return null;
}
