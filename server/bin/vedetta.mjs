#!/usr/bin/env node
// The `vedetta` command. Runs the TypeScript sources directly through tsx's loader,
// so that there is no separate build step between a checkout and a running server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
