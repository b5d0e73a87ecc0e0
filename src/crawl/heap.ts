import { setFlagsFromString } from 'node:v8';

/**
 * V8 heap settings of a crawl's process. V8's flags are per process; setting one again with the same value changes
 * nothing, so callers need not remember whether they did.
 */

/** Old generation a new worker isolate fills before its first full collection, in MB. */
const INITIAL_OLD_SPACE_MB = 16;

/** V8's heap growing factor after a full collection, as a percentage above 1 (10: the limit is 1.1 × what survived). */
const HEAP_GROWING_PERCENT = 10;

/**
 * Lets extraction workers created from now on fill 16 MB of old generation before their first full (mark-compact)
 * collection, instead of starting one after a few MB. Why: a worker fed pages by message falls, about one time in
 * two, into a state where V8 is almost always marking for a full collection, and while it is, a page's DOM outlives
 * the young-generation collections that should free it: each one then copied about 1 MB instead of 70 KB, and the
 * old generation filled and was marked again every half second (17 full collections instead of 1 for 3,000 pages).
 * Measured on the generated portal (with 32 MB): the crawl's CPU 19.6 s -> 15.7 s, wall 15.1 s -> 13.1 s (three
 * alternating pairs), peak RSS no higher. A page's garbage is young garbage, so in the healthy state the old
 * generation grows by a few KB per young collection: 16 MB is reached once or twice in a 20,000-article crawl and
 * the worker stays healthy after; 32 MB only kept 7 MB more heap at the end of that crawl. 16, 24, 32 and 64 MB all
 * kept the worker healthy in four runs of 3,000 pages each.
 *
 * V8 reads this flag when an isolate is created: it changes nothing for isolates that exist (the main thread's) and
 * applies to every worker created after it.
 */
export function enlargeWorkerOldSpace(): void {
  setFlagsFromString(`--initial-old-space-size=${INITIAL_OLD_SPACE_MB}`);
}

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
 * V8 reads this flag whenever it computes the next limit, so it applies from the next full collection to every
 * isolate of the process, the extraction workers included. Called by the crawl command, which owns the process; a
 * library caller of crawl() keeps its own heap settings.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
