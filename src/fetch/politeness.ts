import type { Clock } from './clock.js';

/**
 * Spaces out request starts to one host by at least its delay, however many tasks are waiting: each caller takes
 * the next free slot before it sleeps, so concurrency never turns into bursts against a small server. A server's
 * `Retry-After` pushes the host's next slot back for every waiting request, not only the one that was refused.
 */
export class HostGate {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: (host: string) => number,
  ) {}

  async wait(host: string, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.next.get(host) ?? now);
    this.next.set(host, slot + this.delayMs(host));
    await this.clock.sleep(slot - now, signal);
  }

  /** No request to `host` starts before `ms` from now. */
  defer(host: string, ms: number): void {
    const until = this.clock.now() + ms;
    if ((this.next.get(host) ?? 0) < until) this.next.set(host, until);
  }
}
