import { extractArticle } from '../extract/article.js';
import { detectFamily } from '../extract/detect.js';
import { flatten, parseHtml } from '../extract/dom.js';
import { splitAtLabel } from '../extract/labels.js';
import { extractListing, type ListingPage } from '../extract/listing.js';
import { decodeHtml } from '../fetch/decode.js';
import type { FetchResult } from '../fetch/client.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import type { DiscoveredSeed } from '../discover/seed.js';

/** A seed page a portal family's profile claims: one of its listings, or one article. */
export type RecognisedSeed =
  | { kind: 'listing'; profile: PortalProfile; listing: ListingPage; why?: string[] }
  | { kind: 'article'; profile: PortalProfile; url: string; why?: string[] };

export type SeedKind = RecognisedSeed | DiscoveredSeed;

/** The page reads as one article of the family: its publication label (label families) or a whole record. */
function isArticle(html: string, url: string, profile: PortalProfile): boolean {
  if (profile.header === 'label') {
    return flatten(parseHtml(html)).items.some(
      (i) => i.kind === 'text' && splitAtLabel(i.text, profile.labels.published) !== null,
    );
  }
  try {
    extractArticle(html, url, { profile });
    return true;
  } catch {
    return false;
  }
}

function classify(url: string, html: string, profile: PortalProfile, why?: string[]): RecognisedSeed | null {
  const article = canonicalArticleUrl(url, undefined, profile);
  if (article && isArticle(html, url, profile)) return { kind: 'article', profile, url: article, ...(why ? { why } : {}) };
  const listing = extractListing(html, url, { profile });
  if (listing.articles.length > 0 || listing.total !== null || why) return { kind: 'listing', profile, listing, ...(why ? { why } : {}) };
  return null;
}

/**
 * Recognises the portal family of a seed page from the page itself (`detectFamily`: generator meta, platform paths,
 * labels, URL grammar of the page and its links; no host names), then whether it is one article or a listing. A page
 * with too little evidence for any family is still read as a listing of the first family (Kooboo) when its links
 * follow that grammar, as before families were known; otherwise it is no recognised portal (null). `url` is where the
 * page arrived, after redirects.
 */
export function recognise(url: string, html: string, profiles: readonly PortalProfile[]): RecognisedSeed | null {
  const detected = detectFamily(html, url, profiles);
  if (detected.profile) return classify(url, html, detected.profile, detected.why);
  const first = profiles[0];
  return first ? classify(url, html, first) : null;
}

export function htmlOf(page: FetchResult): string {
  return decodeHtml(page.body, page.headers['content-type']);
}
