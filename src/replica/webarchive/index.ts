/**
 * The replica web archive: captures of replica portals served as the Wayback Machine and pywb serve them, with
 * the ground truth of what they hold. `startWebArchive()` serves the bundled portals' archive;
 * `startWebArchive({ archive: unseenArchive({ seed }) })` one made up from a seed.
 */
import { fixtureArchive } from './fixture.js';
import type { BuiltArchive } from './build.js';
import { serveWebArchive, type WebArchiveOptions, type WebArchiveServer } from './server.js';
import type { ArchiveTruth } from './truth.js';

export interface StartWebArchiveOptions extends WebArchiveOptions {
  /** What to serve; default `fixtureArchive()`. */
  archive?: BuiltArchive;
}

export interface WebArchive extends WebArchiveServer {
  truth: ArchiveTruth;
  /** `<base>/web/<ts>id_/<original>` for a truth `path`. */
  mementoUrl(path: string): string;
}

export async function startWebArchive(opts: StartWebArchiveOptions = {}): Promise<WebArchive> {
  const archive = opts.archive ?? fixtureArchive();
  const server = await serveWebArchive(archive.data, opts);
  return { ...server, truth: archive.truth, mementoUrl: (path) => server.base + path };
}

export { buildArchive } from './build.js';
export type { ArchivePlan, BuiltArchive, PortalPlan } from './build.js';
export { fixtureArchive, FIXTURE_BLOCKED_HOST, FIXTURE_EMPTY_HOST, FIXTURE_HOSTS } from './fixture.js';
export { unseenArchive } from './unseen.js';
export type { UnseenOptions } from './unseen.js';
export { BANNER_TEXTS } from './view.js';
export { SOFT_404_TEXT } from './pages.js';
export { BLOCKED_ERROR } from './reply.js';
export { surt } from './surt.js';
export { PROVINCE_PORTAL } from './closure.js';
export type { ArchiveRequest, WebArchiveOptions } from './server.js';
export type { ArchiveFaultOptions, RateLimits, RouteFaults, ArchiveRoute } from './faults.js';
export type * from './truth.js';
export { CDX_ROUTES, REPLAY_ROUTES, minGap, peakCount } from './rates.js';
export { truthUntil } from './until.js';
