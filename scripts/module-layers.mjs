/**
 * The layers of Vedetta's modules, bottom first. A module may import a module of a LOWER layer
 * only (never one of its own layer or above), and only through that module's `index.ts`; so no
 * two modules can import each other, directly or around a circle. Files directly in `src/`
 * (`server/src/main.ts`, `web/src/main.tsx`) are the top and nothing imports them.
 * Read by scripts/module-graph.mjs and by the ESLint rule in scripts/eslint-module-boundaries.mjs.
 */
export const LAYERS = {
  'server/src': [
    // filled in by the server redesign
  ],
  'web/src': [
    // filled in by the web redesign
  ],
};
