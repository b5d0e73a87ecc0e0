// Preloaded into a measured child (`node --import`): at exit, writes to the file named by BENCH_RSS_FILE the
// process's peak resident set size in kilobytes (getrusage ru_maxrss, the kernel's own high-water mark, so no peak
// is missed between polls) and the CPU time of all its threads (user and system, microseconds), as JSON.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKb: maxRSS, cpuMicros: userCPUTime + systemCPUTime }));
  });
}
