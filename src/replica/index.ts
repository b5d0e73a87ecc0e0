/** The replica of the Kooboo district portals, served locally for tests and benchmarks. */
export { startReplica, DEFAULT_REPLICA_DIR } from './server.js';
export type { Replica, ReplicaOptions, ReplicaSite, RequestLogEntry } from './server.js';
export { loadSite, loadSites } from './site.js';
export type { Article, ArticleUrlForm, Block, Category, CategoryUrlForm, LinkContext, LinkVariant, Site, TemplateName } from './site.js';
export type { ArticleChanges } from './live.js';
export { DEFAULT_FAULT_KINDS, FAULT_KINDS, faultFor, resolveFaults } from './faults.js';
export type { FaultKind, FaultOptions, ResolvedFaults } from './faults.js';
export { generateSite } from './generate.js';
export { BOMB_BYTES, DEEP_NESTING, TRAP_KINDS, type TrapKind } from './traps.js';
export type { GenerateOptions } from './generate.js';
export { parseRoute } from './routes.js';
export type { Route } from './routes.js';
export { articleUrl, categoryUrl, imageUrl, listingUrl } from './urls.js';
export { renderPager, pagerWindow } from './pager.js';
export { formatPosted, formatDay } from './dates.js';
