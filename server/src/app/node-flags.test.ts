import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from './node-flags.ts';

describe('serverNodeFlags', () => {
  it('reads the heap flags of the vedetta command, which npm run demo passes too', () => {
    const flags = serverNodeFlags();
    expect(flags).toContain('--max-semi-space-size=2');
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(pkg.scripts['demo']).toContain(`node ${flags.join(' ')} server/bin/vedetta.mjs demo`);
  });
});
