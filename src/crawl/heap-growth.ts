import { setFlagsFromString } from 'node:v8';

/** V8's heap growing factor after a full collection, as a percentage above 1 (10: the limit is 1.1 × what survived). */
const HEAP_GROWING_PERCENT = 10;

let set = false;

/**
 * Keeps the garbage a long crawl's heap holds between full collections small: after each one, V8 lets the old
 * generation grow to at most 1.1 times what survived (or by its minimum step, 8 MB, when that is more) before the
 * next, instead of a factor of its own choosing (up to 4 on a large machine). Why: every article's objects that are
 * alive at a young collection (its page, its record, waiting for the batch commit) are promoted and die old, so the
 * crawl's main thread fills its old generation with garbage at a steady rate; V8 then grew the heap to 75–93 MB
 * before collecting it at 20,000 articles, 55–75 MB at 3,688, by where its estimates fell. Measured on the generated
 * portal (three crawls of each size, each way): peak RSS 175–200 MB -> 161–162 MB at 20,000 articles, 169–175 ->
 * 152–155 MB at 3,688; what the heap holds after a collection is about 30 MB either way, and the crawl's CPU and
 * wall time did not change beyond the runs' spread (more full collections of a small heap, each a few ms).
 *
 * The flag is per process and read whenever V8 computes the next limit, so it applies from the next full collection
 * to every isolate of the process, the extraction workers included. Called by the crawl command, which owns the
 * process; a library caller of crawl() keeps its own heap settings.
 */
export function boundHeapGrowth(): void {
  if (set) return;
  set = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
