import { setFlagsFromString } from 'node:v8';

/** Old generation a new worker isolate fills before its first full collection, in MB. */
const INITIAL_OLD_SPACE_MB = 16;

let set = false;

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
 * V8 reads its flags when an isolate is created and they are per process: this changes nothing for isolates that
 * exist (the main thread's) and applies to every worker created after it, once set.
 */
export function enlargeWorkerOldSpace(): void {
  if (set) return;
  set = true;
  setFlagsFromString(`--initial-old-space-size=${INITIAL_OLD_SPACE_MB}`);
}
