import type { RobotsPolicy } from '../crawl/robots.js';
import { htmlOf, recognise } from '../crawl/seed.js';
import { PortalArchiverError, UsageError } from '../errors.js';
import type { ExportedRecord } from '../export/fields.js';
import { standaloneRecord } from '../export/standalone.js';
import { detectProfile, extractPage } from '../extract/page.js';
import type { Fetcher, FetchResult } from '../fetch/client.js';
import { profiles } from '../profiles/index.js';
import { describeScope } from './scope.js';
import { discoverListing, type ListingDiscovery } from './listing.js';
import { discoverSeed } from './seed.js';
import { describeUrls } from './article-links.js';

/** What `probe` learns of a site from one listing page and one article, without writing anything. */
export interface ProbeReport {
  url: string;
  /** What the URL given is. */
  page: 'listing' | 'article';
  /** The profile id that reads the site's articles, or `generic`. */
  family: string;
  why: string[];
  listing: {
    pager: { form: string; current: number; last: number | null; why: string[] } | { postback: true; why: string[] } | null;
    /** The article-URL pattern of the main list, e.g. `/tin-tuc/<slug>-<id>.html`. */
    pattern: string | null;
    patternWhy: string[];
    articlesOnPage: number;
    estimate: { articles: number; basis: string } | null;
    scope: string;
    feeds: string[];
  } | null;
  sample: { url: string; record: ExportedRecord | null; error: string | null } | null;
}

/** The URL given is no portal page: no article links, no pager, no article. */
export class NotAPortalError extends PortalArchiverError {
  override readonly name = 'NotAPortalError';
  constructor(url: string) {
    super(`${url} is not a news portal page: no list of article links, no pager and no article found`, { policy: 'abort', url });
  }
}

async function politeGet(url: string, fetch: Fetcher, robots: RobotsPolicy): Promise<FetchResult> {
  if (!(await robots.allowed(url))) {
    const problem = robots.problem(new URL(url).origin);
    throw new UsageError(problem ? `cannot fetch ${url}: ${problem}` : `${url} is disallowed by the site's robots.txt (--ignore-robots to override)`);
  }
  return fetch(url, { expect: 'html' });
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message.replace(/^GET \S+: /, '') : String(err);
}

function listingFacts(discovery: ListingDiscovery, articleUrls: string[] | null): NonNullable<ProbeReport['listing']> {
  const pager = discovery.pager
    ? { form: discovery.pager.form, current: discovery.pager.current, last: discovery.pager.last, why: discovery.pager.why }
    : discovery.postback;
  const onPage = articleUrls ?? discovery.list?.articles.map((a) => a.url) ?? [];
  const pattern = articleUrls && articleUrls.length > 0 ? describeUrls(articleUrls) : (discovery.list?.pattern.describe ?? null);
  let estimate = discovery.estimate;
  if (articleUrls && discovery.pager?.total == null && discovery.pager?.last) {
    estimate = { articles: discovery.pager.last * onPage.length, basis: `${discovery.pager.last} pages × ${onPage.length} articles on this page; the last may hold fewer` };
  }
  return {
    pager,
    pattern,
    patternWhy: discovery.list?.why ?? [],
    articlesOnPage: onPage.length,
    estimate,
    scope: describeScope(discovery.scope),
    feeds: discovery.feeds,
  };
}

/**
 * Fetches the page given (robots.txt first) and, when it is a listing, its first article; says which family reads
 * the site and why, what pager and article pattern the listing has, how many articles it holds, and the record the
 * sample article gives. Throws NotAPortalError for a page that is no portal page.
 */
export async function probe(url: string, deps: { fetch: Fetcher; robots: RobotsPolicy }): Promise<ProbeReport> {
  const page = await politeGet(url, deps.fetch, deps.robots);
  const html = htmlOf(page);
  const here = page.finalUrl;
  const known = recognise(page.finalUrl, html, profiles);
  let listing: ProbeReport['listing'] = null;
  let sampleUrl: string | null = null;
  let sampleHtml: string | null = null;
  const why: string[] = [];
  if (known?.kind === 'listing') {
    const urls = known.listing.articles.map((a) => a.url);
    listing = listingFacts(discoverListing(html, here), urls);
    if (known.listing.total !== null) listing.estimate = { articles: known.listing.total, basis: 'the total the page states' };
    why.push(`the listing links ${urls.length} articles in the ${known.profile.name} URL grammar`);
    sampleUrl = urls[0] ?? null;
  } else if (known?.kind === 'article') {
    sampleUrl = known.url;
    sampleHtml = html;
  } else {
    const seed = discoverSeed(here, html);
    if (!seed) throw new NotAPortalError(here);
    if (seed.kind === 'discovered') {
      listing = listingFacts(seed.discovery, null);
      why.push('no profile claims the listing: its pager and article pattern were learnt from the page');
      sampleUrl = seed.discovery.list?.articles[0]?.url ?? null;
    } else {
      sampleUrl = seed.url;
      sampleHtml = html;
    }
  }

  let sample: ProbeReport['sample'] = null;
  let family = known && 'profile' in known ? known.profile.id : 'generic';
  if (sampleUrl) {
    sample = { url: sampleUrl, record: null, error: null };
    try {
      let at = page.fetchedAt;
      if (sampleHtml === null) {
        const article = await politeGet(sampleUrl, deps.fetch, deps.robots);
        sampleHtml = htmlOf(article);
        at = article.fetchedAt;
      }
      const detection = detectProfile(sampleHtml, sampleUrl);
      family = detection.profile?.id ?? 'generic';
      why.push(...detection.why);
      sample.record = standaloneRecord(extractPage(sampleHtml, sampleUrl, { profile: 'auto' }), at);
    } catch (err) {
      if (err instanceof PortalArchiverError && err.policy === 'abort' && !(err instanceof UsageError)) throw err;
      sample.error = reason(err);
    }
  }
  return { url: here, page: listing ? 'listing' : 'article', family, why, listing, sample };
}
