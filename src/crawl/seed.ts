import { extractListing, type ListingPage } from '../extract/listing.js';
import { decodeHtml } from '../fetch/decode.js';
import type { FetchResult } from '../fetch/client.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import { splitAtLabel } from '../extract/labels.js';
import { flatten, loadHtml } from '../extract/dom.js';
import type { DiscoveredSeed } from '../discover/seed.js';

export type SeedKind =
  | { kind: 'listing'; profile: PortalProfile; listing: ListingPage }
  | { kind: 'article'; profile: PortalProfile; url: string }
  | DiscoveredSeed;

/**
 * Recognises the portal family of a seed page from the page itself: a listing has article links in the family's
 * URL grammar or the family's pager; an article page carries the family's publication label. No host names.
 */
export function recognise(page: FetchResult, html: string, profiles: readonly PortalProfile[]): SeedKind | null {
  const url = page.finalUrl;
  for (const profile of profiles) {
    const article = canonicalArticleUrl(url, undefined, profile);
    if (article) {
      const $ = loadHtml(html);
      const labelled = flatten($.root()[0]!).items.some(
        (i) => i.kind === 'text' && splitAtLabel(i.text, profile.labels.published) !== null,
      );
      if (labelled) return { kind: 'article', profile, url: article };
    }
    const listing = extractListing(html, url, { profile });
    if (listing.articles.length > 0 || listing.total !== null) return { kind: 'listing', profile, listing };
  }
  return null;
}

export function htmlOf(page: FetchResult): string {
  return decodeHtml(page.body, page.headers['content-type']);
}
