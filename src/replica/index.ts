/** The replica of the Kooboo district portals, served locally for tests and benchmarks. */
export { startReplica, DEFAULT_REPLICA_DIR } from './server.js';
export type { Replica, ReplicaOptions, ReplicaSite, RequestLogEntry } from './server.js';
export { loadSite, loadSites } from './site.js';
export type { Article, ArticleUrlForm, Block, Category, CategoryUrlForm, LinkContext, LinkVariant, Site, TemplateName } from './site.js';
export { articleUrl, categoryUrl, imageUrl, listingUrl } from './urls.js';
export { renderPager, pagerWindow } from './pager.js';
export { formatPosted, formatDay } from './dates.js';
