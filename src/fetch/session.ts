import { Agent } from 'undici';
import { RobotsPolicy } from '../crawl/robots.js';
import type { Logger } from '../log.js';
import { createFetcher, type Fetcher } from './client.js';
import { type Clock, systemClock } from './clock.js';
import { HostGate } from './politeness.js';

export interface SessionOptions {
  userAgent: string;
  /** Pause between the starts of two requests to one host; a longer robots.txt Crawl-delay wins. */
  delay: number;
  timeout: number;
  retries: number;
  ignoreRobots?: boolean;
  clock?: Clock;
  signal?: AbortSignal;
}

export interface PoliteSession {
  fetch: Fetcher;
  robots: RobotsPolicy;
  close(): Promise<void>;
}

/**
 * A fetcher and a robots.txt policy for a few polite requests outside a crawl (`probe`): the same client, retries,
 * host spacing and robots.txt rules as the crawl, without an archive (robots.txt is fetched, not cached).
 */
export function politeSession(options: SessionOptions, log: Logger): PoliteSession {
  const clock = options.clock ?? systemClock;
  const dispatcher = new Agent({ connections: 2, keepAliveTimeout: 10_000 });
  let robots: RobotsPolicy | null = null;
  const gate = new HostGate(clock, (host) => Math.max(options.delay, robots?.crawlDelayMs(host) ?? 0));
  const fetch = createFetcher({
    dispatcher,
    gate,
    clock,
    userAgent: options.userAgent,
    timeoutMs: options.timeout,
    retries: options.retries,
    maxBytes: 10 * 1024 * 1024,
    ...(options.signal ? { signal: options.signal } : {}),
    onRetry: (url, attempt, wait, err) => log.info(`retry ${attempt} of ${url} in ${Math.round(wait)} ms: ${err.message}`),
  });
  robots = new RobotsPolicy({
    db: null,
    fetch,
    clock,
    log,
    // The robots.txt product token is the User-Agent's first word.
    agent: options.userAgent.split(/[\s/]/)[0] || 'portal-archiver',
    ignore: options.ignoreRobots ?? false,
    onDelay: (host, ms) => gate.defer(host, ms),
  });
  return { fetch, robots, close: () => dispatcher.destroy() };
}
