#!/usr/bin/env -S node --max-semi-space-size=2 --initial-old-space-size=64
// The `vedetta` command. Runs the TypeScript sources directly through tsx's loader,
// so that there is no separate build step between a checkout and a running server.
// The V8 heap flags on the first line suit a recorder: many short-lived frames and a small live
// heap. With V8's defaults the heap starts small and grows by major collections started early,
// several a second at 200 cameras; `npm run bench:ingest` measures both (design/benchmarks.md).
// `npm run demo` passes the same flags (a test keeps the two in step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
