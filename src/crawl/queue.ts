import pLimit from 'p-limit';

/**
 * Runs tasks under a concurrency limit while tasks keep adding more (a listing page discovers further pages and
 * articles); `idle()` resolves when everything added so far, and everything those added, has settled.
 */
export class TaskQueue {
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly pending = new Set<Promise<void>>();

  constructor(concurrency: number) {
    this.limit = pLimit(concurrency);
  }

  add(task: () => Promise<void>): void {
    const run = this.limit(task).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
