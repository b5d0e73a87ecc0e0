/**
 * The ground truth of a built archive: for every article of every portal, each capture of any of its URL spellings,
 * the distinct versions in capture order and which one is the latest, so a test can check every field a recovery
 * produced. Memento URLs are paths (`/web/<ts>id_/<original>`): prefix them with the served archive's base.
 */
import type { Article, Site } from '../site.js';

/** `page`: the article (200); `revisit`: a revisit row repeating an earlier page; the rest are not the article. */
export type CaptureKind = 'page' | 'revisit' | 'redirect' | 'notFound' | 'soft404';

export interface CaptureRef {
  timestamp: string;
  original: string;
  kind: CaptureKind;
  /** `/web/<timestamp>id_/<original>`. */
  path: string;
  /** The Memento-Datetime as ISO UTC (`2023-05-04T02:00:13Z`). */
  capturedAt: string;
}

export interface VersionTruth {
  /** The article's data in this version: compare with `expectedFields(portal.site, version.article)`. */
  article: Article;
  /** The captures that show this version (`page` or `revisit`), oldest first. */
  captures: CaptureRef[];
}

export interface ArticleTruth {
  siteId: string;
  slug: string;
  /** The original canonical URL: `http://<host>` and the canonical path (no `PageIndex`, `View`, escapes upper-case). */
  url: string;
  /** The archive holds at least one capture showing the article. */
  held: boolean;
  /** Distinct versions, in capture order; empty when not held. */
  versions: VersionTruth[];
  /** Index of the latest version in `versions`; -1 when not held. */
  latest: number;
  /** Every capture of any spelling of this article's URLs, oldest first (redirects, 404s, soft-404s included). */
  captures: CaptureRef[];
}

export interface PortalTruth {
  siteId: string;
  /** The portal's host as the archive knows it (without `www.`). */
  host: string;
  /** `http://<host>` */
  origin: string;
  /** The final data: every article in its latest version. */
  site: Site;
  /** `http://<host>/<listingKey>/`, a listing URL a user would give `recover`. */
  listingUrl: string;
  articles: ArticleTruth[];
  /** The capture times, ascending (14 digits); the last is after the portal closed. */
  days: string[];
}

export interface PitfallRef {
  original: string;
  timestamp: string;
  /** What this capture is: e.g. `revisit of 20230504020013`, `301 to https://…`. */
  note: string;
}

/** Where each pitfall sits, so a test can go straight to it. */
export interface Pitfalls {
  edited: { url: string; versions: number }[];
  revisits: PitfallRef[];
  duplicates: PitfallRef[];
  redirects: PitfallRef[];
  notFound: PitfallRef[];
  soft404: PitfallRef[];
  /** Two captures of one urlkey with the same timestamp (http and https): a resume key can fall between them. */
  sameSecond: PitfallRef[];
  /** Archived Content-Type without a charset; `note` names the body's real charset. */
  charsetDropped: PitfallRef[];
  /** Captures whose original is spelled with `:80`, `https` or `www.`. */
  variants: PitfallRef[];
  /** Articles listed in archived listing pages but never captured themselves. */
  linkedOnly: string[];
}

export interface ArchiveTruth {
  portals: PortalTruth[];
  /** Hosts the archive blocks (403 with the blocked-site error). */
  blockedHosts: string[];
  /** Hosts with no captures at all. */
  emptyHosts: string[];
  pitfalls: Pitfalls;
}

export function emptyPitfalls(): Pitfalls {
  return { edited: [], revisits: [], duplicates: [], redirects: [], notFound: [], soft404: [], sameSecond: [], charsetDropped: [], variants: [], linkedOnly: [] };
}

/** The canonical path of an article, by the site's URL grammar. */
export function canonicalPath(site: Site, slug: string): string {
  const key = encodeURIComponent(slug);
  if (site.articleUrlForm === 'short') return `/${site.pageKey}/${key}`;
  return site.articleUrlForm === 'userkey' ? `/${site.pageKey}/View/?UserKey=${key}` : `/${site.pageKey}/View/${key}`;
}
