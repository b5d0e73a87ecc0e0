/** The truth about one portal's captures, assembled from what the builder recorded while capturing. */
import type { Article, Site } from '../site.js';
import type { Capture } from './capture.js';
import { isoOf } from './timestamp.js';
import { canonicalPath, type ArticleTruth, type CaptureKind, type CaptureRef, type PortalTruth } from './truth.js';

export interface Edit {
  versions: Article[];
  /** Day index from which each version shows. */
  from: number[];
}

export interface Seen {
  c: Capture;
  slug: string;
  kind: CaptureKind;
  version: number | null;
}

export function portalTruth(site: Site, host: string, days: string[], seen: Seen[], edits: Map<string, Edit>): PortalTruth {
  const articles: ArticleTruth[] = site.articles.map((a) => {
    const own = seen.filter((s) => s.slug === a.slug).sort((x, y) => (x.c.timestamp < y.c.timestamp ? -1 : x.c.timestamp > y.c.timestamp ? 1 : 0));
    const refOf = (s: Seen): CaptureRef => ({
      timestamp: s.c.timestamp,
      original: s.c.original,
      kind: s.kind,
      path: `/web/${s.c.timestamp}id_/${s.c.original}`,
      capturedAt: isoOf(s.c.timestamp),
    });
    const all = edits.get(a.slug)?.versions ?? [a];
    const order: number[] = [];
    for (const s of own) if (s.version !== null && !order.includes(s.version)) order.push(s.version);
    const versions = order.map((v) => ({ article: all[v]!, captures: own.filter((s) => s.version === v).map(refOf) }));
    const lastShown = [...own].reverse().find((s) => s.version !== null);
    return {
      siteId: site.id,
      slug: a.slug,
      url: `http://${host}${canonicalPath(site, a.slug)}`,
      held: versions.length > 0,
      versions,
      latest: lastShown ? order.indexOf(lastShown.version!) : -1,
      captures: own.map(refOf),
    };
  });
  return { siteId: site.id, host, origin: `http://${host}`, site, listingUrl: `http://${host}/${site.listingKey}/`, articles, days };
}
