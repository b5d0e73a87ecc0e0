import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { type ArticlePattern, type ListedArticle, learnMainList, mainListOf, type MainList } from './article-links.js';
import { feedLinks } from './feed.js';
import { baseOf, detectPager, isPostback, linkedPages, type Pager, type PostbackPager } from './pager.js';
import { inScope, type Scope, scopeOf } from './scope.js';
import { listingForm, valueIn } from './slots.js';

/**
 * What one listing page of a site no profile knows tells about the whole listing: its pager, its article-URL
 * pattern and main list, the scope the crawl keeps to, the feeds it announces, and an estimate of its size. Pure:
 * (html, url) in, facts out; the walk and `probe` fetch.
 */
export interface ListingDiscovery {
  url: string;
  pager: Pager | null;
  postback: PostbackPager | null;
  list: MainList | null;
  scope: Scope;
  feeds: string[];
  estimate: { articles: number; basis: string } | null;
}

function pagerElements($: CheerioAPI, url: string, key: string): Element[] {
  const base = baseOf($, url);
  return $('a[href]')
    .toArray()
    .filter((el) => {
      const form = listingForm(el.attribs['href'] ?? '', base);
      return form !== null && valueIn(form, key) !== null;
    });
}

function estimate(pager: Pager | null, articles: number): ListingDiscovery['estimate'] {
  if (pager?.total) return { articles: pager.total, basis: 'the total the page states' };
  if (pager?.last && articles > 0) {
    return { articles: pager.last * articles, basis: `${pager.last} pages × ${articles} articles on this page; the last may hold fewer` };
  }
  if (pager) return articles > 0 ? { articles, basis: 'this page only: the pager does not say where it ends' } : null;
  return articles > 0 ? { articles, basis: 'one page, no pager' } : null;
}

export function discoverListing(html: string, url: string): ListingDiscovery {
  const $ = cheerio.load(html);
  const found = detectPager($, url);
  const pager = found && !isPostback(found) ? found : null;
  const postback = isPostback(found) ? found : null;
  const pagerLinks = pager ? pagerElements($, url, pager.key) : [];
  const learnt = learnMainList($, url, { pagerKey: pager?.key ?? null, pagerLinks });
  const scope = scopeOf(url, learnt?.pattern.prefix ?? []);
  const list = learnt ? { ...learnt, articles: learnt.articles.filter((a) => inScope(a.url, scope)) } : null;
  return {
    url,
    pager,
    postback,
    list,
    scope,
    feeds: feedLinks($, url),
    estimate: estimate(pager, list?.articles.length ?? 0),
  };
}

/** What the walk needs of a further page of a discovered listing: its articles and the pages it links. */
export interface ListingStep {
  articles: ListedArticle[];
  pages: number[];
}

export function readListingPage(
  html: string,
  url: string,
  known: { pattern: ArticlePattern; scope: Scope; pager: Pick<Pager, 'key' | 'first' | 'step'> | null },
): ListingStep {
  const $ = cheerio.load(html);
  const pagerLinks = known.pager ? pagerElements($, url, known.pager.key) : [];
  const articles = mainListOf($, url, known.pattern, { scope: known.scope, pagerKey: known.pager?.key ?? null, pagerLinks });
  return { articles, pages: known.pager ? linkedPages($, url, known.pager) : [] };
}
