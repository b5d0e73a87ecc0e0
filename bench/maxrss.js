// Preloaded into the crawl child (`node --import`): at exit, writes the process's peak resident set size in
// kilobytes (getrusage ru_maxrss, the kernel's own high-water mark, so no peak is missed between polls) to the
// file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
