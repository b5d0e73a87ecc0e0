// For test/heap-growth.test.ts: a workload whose garbage dies old, as a crawl's does (each item outlives two young
// collections, then is dropped), run with or without the build's boundHeapGrowth(); prints the old generation's
// largest committed size in bytes.
import v8 from 'node:v8';
import { boundHeapGrowth } from '../../dist/crawl/heap.js';

if (process.argv[2] === 'bounded') boundHeapGrowth();
const window = new Array(4000).fill(null);
let largest = 0;
let sink = 0;
for (let i = 0; i < 150_000; i++) {
  window[i % window.length] = { text: String(i).padEnd(10_000, '.'), i };
  const young = new Array(2500).fill(i + 0.5);
  sink += young.length;
  if (i % 500 === 0) {
    const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
    largest = Math.max(largest, old?.space_size ?? 0);
  }
}
process.stdout.write(`${largest} ${sink}\n`);
