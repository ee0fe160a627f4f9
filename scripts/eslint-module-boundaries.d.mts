/** Types of the ESLint plugin in eslint-module-boundaries.mjs, for the tests that load it. */
import type { ESLint } from 'eslint';

declare const plugin: ESLint.Plugin;
export default plugin;
