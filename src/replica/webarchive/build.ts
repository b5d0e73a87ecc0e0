/**
 * Builds an archive from portal data: each portal captured over its crawl days (portal.ts), plus the hosts the
 * archive blocks and the hosts it never captured, and the pywb collections that serve the same captures.
 */
import type { Site } from '../site.js';
import type { ArchiveData } from './archive.js';
import type { Capture } from './capture.js';
import { buildPortal } from './portal.js';
import { draw, hashSeed } from './random.js';
import { defaultDays } from './schedule.js';
import { emptyPitfalls, type ArchiveTruth } from './truth.js';

export interface PortalPlan {
  site: Site;
  /** The portal's host, without `www.` (e.g. `tuachua.dienbien.gov.vn`). */
  host: string;
  /** Crawl times (14 digits, ascending); the last is taken as after closure. Default: spread over the data. */
  days?: string[];
}

export interface ArchivePlan {
  portals: PortalPlan[];
  /** Default 1; the same plan and seed give the same archive. */
  seed?: number;
  blockedHosts?: string[];
  emptyHosts?: string[];
  /** pywb collections: name → hosts. Default: `vnarchive` holding every portal. */
  collections?: Record<string, string[]>;
}

export interface BuiltArchive {
  data: ArchiveData;
  truth: ArchiveTruth;
}

export function buildArchive(plan: ArchivePlan): BuiltArchive {
  const seed = plan.seed ?? 1;
  const pitfalls = emptyPitfalls();
  const captures: Capture[] = [];
  const portals = plan.portals.map((p) => {
    const d = draw(hashSeed(p.host, seed));
    const days = p.days ?? defaultDays(p.site, d);
    if (days.length < 3) throw new Error(`web archive: portal ${p.site.id} needs at least 3 crawl days`);
    const built = buildPortal(p.site, p.host, days, d, pitfalls);
    captures.push(...built.captures);
    return built.truth;
  });
  const blockedHosts = plan.blockedHosts ?? [];
  const emptyHosts = plan.emptyHosts ?? [];
  return {
    data: { captures, blockedHosts, collections: plan.collections ?? { vnarchive: plan.portals.map((p) => p.host) } },
    truth: { portals, blockedHosts, emptyHosts, pitfalls },
  };
}
