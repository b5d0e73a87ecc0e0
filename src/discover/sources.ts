import type { CrawlRun } from '../crawl/run.js';
import { reasonOf } from '../crawl/run.js';
import type { FetchResult } from '../fetch/client.js';
import { savePage } from '../store/index.js';
import { matchesPattern } from './article-links.js';
import { canonicalUrl } from './canonical.js';
import { parseFeed } from './feed.js';
import type { ListingDiscovery } from './listing.js';
import { inScope } from './scope.js';
import { parseSitemap, xmlText } from './sitemap.js';

/** Sitemaps read per site at most (an index can name thousands: one per day on some CMSs). */
const MAX_SITEMAPS = 500;
/** Feeds read per listing at most. */
const MAX_FEEDS = 5;

/**
 * The articles a site's sitemaps (robots.txt `Sitemap:` lines, else `/sitemap.xml`, indexes followed) and the
 * listing's announced feeds name, kept when they have the listing's article pattern and stay in its scope. Each is
 * fetched through robots.txt and the host's politeness, kept as a capture, and never fatal: a site without a
 * sitemap simply has none.
 */
export async function articlesFromSources(
  run: CrawlRun,
  discovery: ListingDiscovery,
  onArticles: (urls: string[]) => void,
): Promise<void> {
  const seed = new URL(discovery.url);
  const list = discovery.list;
  if (!list) return;
  const keep = (raw: string): string | null => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
    // A sitemap written with the other scheme names the same pages.
    if (url.host === seed.host) url.protocol = seed.protocol;
    const canonical = canonicalUrl(url.href);
    return canonical && inScope(canonical, discovery.scope) && matchesPattern(canonical, list.pattern) ? canonical : null;
  };
  const emit = (urls: string[]): number => {
    const kept = [...new Set(urls.map(keep).filter((u): u is string => u !== null))];
    if (kept.length > 0) onArticles(kept);
    return kept.length;
  };

  const fromRobots = (await run.deps.robots.sitemaps(seed.origin)).filter((u) => sameHost(u, seed.host));
  const pending = fromRobots.length > 0 ? fromRobots : [`${seed.origin}/sitemap.xml`];
  const read = new Set<string>();
  while (pending.length > 0 && read.size < MAX_SITEMAPS && !run.aborted()) {
    const url = pending.shift()!;
    if (read.has(url)) continue;
    read.add(url);
    const page = await fetchXml(run, url);
    if (!page) continue;
    const sitemap = parseSitemap(xmlText(page.body), page.finalUrl);
    if (!sitemap) continue;
    if (sitemap.kind === 'index') pending.push(...sitemap.entries.map((e) => e.url).filter((u) => sameHost(u, seed.host)));
    else {
      const kept = emit(sitemap.entries.map((e) => e.url));
      run.deps.log.info(`sitemap ${url}: ${sitemap.entries.length} URLs, ${kept} articles of the listing's pattern`);
    }
  }
  for (const feed of discovery.feeds.filter((u) => sameHost(u, seed.host)).slice(0, MAX_FEEDS)) {
    if (run.aborted()) break;
    const page = await fetchXml(run, feed);
    const items = page ? parseFeed(xmlText(page.body), page.finalUrl) : null;
    if (items) run.deps.log.info(`feed ${feed}: ${items.length} items, ${emit(items.map((i) => i.url))} articles of the listing's pattern`);
  }
}

function sameHost(url: string, host: string): boolean {
  try {
    return new URL(url).host === host;
  } catch {
    return false;
  }
}

/** One sitemap or feed, through robots.txt and the host's queue slot; kept as a listing capture. Null if unavailable. */
function fetchXml(run: CrawlRun, url: string): Promise<FetchResult | null> {
  const host = new URL(url).host;
  return new Promise((resolve) => {
    run.queue.add(host, async () => {
      let page: FetchResult | null = null;
      try {
        if (run.aborted() || !(await run.deps.robots.allowed(url))) return;
        try {
          page = await run.deps.fetch(url, { expect: 'any' });
        } catch (err) {
          run.deps.log.info(`no sitemap or feed at ${url}: ${reasonOf(err)}`);
          return;
        }
        // A store error is the archive's problem, not the sitemap's: it fails the crawl as anywhere else.
        savePage(run.db, run.pageRow(page, 'listing'));
      } finally {
        resolve(page);
      }
    });
  });
}
