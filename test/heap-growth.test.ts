import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const helper = fileURLToPath(new URL('./helpers/heap-growth.mjs', import.meta.url));

/** The old generation's largest size over a run of the helper's workload, in MB. */
function largestOldSpace(mode: 'bounded' | 'default'): number {
  const out = execFileSync(process.execPath, [helper, mode], { encoding: 'utf8' });
  return Number(out.split(' ')[0]) / 1024 / 1024;
}

describe('boundHeapGrowth', () => {
  // The same workload in two fresh processes, the only difference the call: garbage that dies old (as each crawled
  // article's does) must not be let to pile up as high before a full collection frees it.
  it('keeps the old generation smaller under garbage that dies old', { timeout: 60_000 }, () => {
    const bounded = largestOldSpace('bounded');
    const unbounded = largestOldSpace('default');
    expect(bounded).toBeGreaterThan(10);
    expect(bounded).toBeLessThan(unbounded * 0.85);
  });
});
