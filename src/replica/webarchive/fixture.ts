/** The archive of the bundled replica portals, under the hosts the real portals had. */
import { DEFAULT_REPLICA_DIR } from '../server.js';
import { loadSites } from '../site.js';
import { buildArchive, type BuiltArchive } from './build.js';

export const FIXTURE_HOSTS: Record<string, string> = {
  tuachua: 'tuachua.dienbien.gov.vn',
  huyentuachua: 'huyentuachua.dienbien.gov.vn',
  huyendienbien: 'huyendienbien.gov.vn',
};

/** Blocked on the archive (403), and never captured at all. */
export const FIXTURE_BLOCKED_HOST = 'muonglay.dienbien.gov.vn';
export const FIXTURE_EMPTY_HOST = 'muongnhe.dienbien.gov.vn';

export function fixtureArchive(dir = DEFAULT_REPLICA_DIR): BuiltArchive {
  const sites = loadSites(dir).filter((s) => FIXTURE_HOSTS[s.id] !== undefined);
  return buildArchive({
    seed: 8,
    portals: sites.map((site) => ({ site, host: FIXTURE_HOSTS[site.id]! })),
    blockedHosts: [FIXTURE_BLOCKED_HOST],
    emptyHosts: [FIXTURE_EMPTY_HOST],
  });
}
