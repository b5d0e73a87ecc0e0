import type { PortalProfile } from '../profiles/profile.js';
import { type FrontierItem, nextQueued } from '../store/frontier.js';
import { archiveArticle } from './article.js';
import type { CrawlRun } from './run.js';

/**
 * Keeps a bounded window of article work per host in memory and pulls the next articles from the frontier (in
 * SQLite, in the order they were found) as the window drains. A listing walk records what it finds in the frontier
 * and asks the feeder to top up; it never queues a task per link, so memory does not grow with the portal.
 */
export class ArticleFeeder {
  /** URLs handed to the queue and not finished yet, per host. */
  private readonly held = new Map<string, Set<string>>();
  /** An article task failed in a way that ends the run (the archive cannot be written): pull nothing more. */
  private stopped = false;

  constructor(
    private readonly run: CrawlRun,
    /** Articles held per host at most: enough to keep every request slot of the host busy. */
    private readonly window: number,
    private readonly profileOf: (host: string) => PortalProfile | 'auto' | undefined,
  ) {}

  /** Tops up the host's window from the frontier; does nothing while more than half of the window is still held. */
  fill(host: string): void {
    const { run } = this;
    if (this.stopped || run.aborted() || run.queue.failed) return;
    const profile = this.profileOf(host);
    if (!profile) return;
    const held = this.heldOf(host);
    if (held.size > this.window / 2) return;
    for (const item of nextQueued(run.db, host, this.window - held.size, held)) {
      this.start(item, profile, run.settings.refresh);
    }
  }

  /** Hands one article to the queue directly (a seed that is an article page), counted in its host's window. */
  schedule(item: FrontierItem, profile: PortalProfile | 'auto', conditional: boolean): void {
    if (this.heldOf(item.host).has(item.url)) return;
    this.start(item, profile, conditional);
  }

  private start(item: FrontierItem, profile: PortalProfile | 'auto', conditional: boolean): void {
    const held = this.heldOf(item.host);
    held.add(item.url);
    const finish = () => {
      held.delete(item.url);
      this.fill(item.host);
    };
    const stop = (err: unknown): never => {
      this.stopped = true;
      throw err;
    };
    this.run.queue.add(item.host, async () => {
      let started;
      try {
        started = await archiveArticle(this.run, item, profile, conditional);
      } catch (err) {
        // Stopped first, so that the top-up pulls nothing more.
        this.stopped = true;
        finish();
        throw err;
      }
      if (!started) return finish();
      // The page is spooled and its request slot given back; the article stays held until it is stored.
      this.run.queue.track(started.storing.catch(stop).finally(finish));
    });
  }

  private heldOf(host: string): Set<string> {
    let held = this.held.get(host);
    if (!held) {
      held = new Set();
      this.held.set(host, held);
    }
    return held;
  }
}
