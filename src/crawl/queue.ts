import pLimit from 'p-limit';

/**
 * Runs tasks under a global concurrency limit and a per-host one, while tasks keep adding more (a listing page
 * discovers further pages and articles). A task waits for its host's slot before it takes a global one, so a slow
 * host never holds slots that other hosts could use. `idle()` resolves when everything added so far, and
 * everything those added, has settled; the first task error is rethrown there.
 */
export class TaskQueue {
  private readonly global: ReturnType<typeof pLimit>;
  private readonly hosts = new Map<string, ReturnType<typeof pLimit>>();
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = undefined;

  constructor(
    concurrency: number,
    private readonly perHost: number,
  ) {
    this.global = pLimit(concurrency);
  }

  add(host: string, task: () => Promise<void>): void {
    let limit = this.hosts.get(host);
    if (!limit) {
      limit = pLimit(this.perHost);
      this.hosts.set(host, limit);
    }
    this.track(limit(() => this.global(task)));
  }

  /**
   * Work a task started and left running when it gave its slot back (an article whose page has arrived and is being
   * stored): `idle()` waits for it too, and its error fails the run as a task's would.
   */
  track(work: Promise<void>): void {
    const run: Promise<void> = work
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** A task has failed: the run is ending, nothing more should be added. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    if (this.failure !== undefined) throw this.failure;
  }
}
