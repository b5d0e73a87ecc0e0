import { knownTargets } from '../store/archive-captures.js';
import { markSkipped } from '../store/frontier.js';
import type { CdxQuery } from '../source/archive/cdx.js';
import { foldHost } from '../source/archive/fold.js';
import { listQuery } from './discover.js';
import { covers, lookupQuery, type Portal } from './portal.js';
import type { RecoverRun } from './run.js';

/** Above this many articles wanted from one section, one query for the section beats one query each. */
const SECTION_QUERY_FROM = 3;

/** Articles the portal links (listings, related blocks, an earlier crawl) that are not archived yet. */
function linkedArticles(run: RecoverRun, portal: Portal): string[] {
  const host = new URL(portal.origin).host;
  return run.db
    .prepare(`SELECT url FROM frontier WHERE kind = 'article' AND host = ? AND state != 'done' ORDER BY url`)
    .pluck()
    .all(host) as string[];
}

/** The section an article's URL lies in (`host/TinTuc/View/`), for one query that finds many of its articles. */
function sectionQuery(url: string): CdxQuery {
  const u = new URL(url);
  return { url: `${foldHost(u.host)}${u.pathname.replace(/[^/]*$/, '')}`, matchType: 'prefix' };
}

/**
 * Looks up the articles seen only in links (archived listing pages, related blocks) that no query listed yet:
 * exactly, one query per article under all its spellings, or one query per section when many are wanted from it.
 * An article a finished query already covers, or that a lookup does not find, is not in the web archive: it is
 * marked skipped in the frontier (a later crawl or recovery may still find it). Returns how many were found.
 */
export async function lookUpLinked(run: RecoverRun, portal: Portal): Promise<number> {
  const { db, archive } = run;
  const range = { from: portal.query.from ?? null, to: portal.query.to ?? null };
  const known = knownTargets(db, archive, portal.host, 'article');
  const missing = (url: string) => {
    markSkipped(db, url, `no capture in the web archive ${archive}`, run.runId, run.now());
    run.summary.missing++;
  };
  const wanted: string[] = [];
  for (const url of linkedArticles(run, portal)) {
    if (known.has(url) || run.lookedUp.has(url)) continue;
    run.lookedUp.add(url);
    if (run.complete.some((q) => covers(q, url))) missing(url);
    else wanted.push(url);
  }
  const unanswered = new Set<string>();
  const sections = new Map<string, string[]>();
  for (const url of wanted) {
    const key = sectionQuery(url).url;
    sections.set(key, [...(sections.get(key) ?? []), url]);
  }
  for (const [section, urls] of sections) {
    if (run.aborted()) break;
    const queries =
      urls.length >= SECTION_QUERY_FROM
        ? [{ query: { url: section, matchType: 'prefix' as const, ...range }, wanted: urls }]
        : urls.map((url) => ({ query: { ...lookupQuery(url), ...range }, wanted: [url] }));
    for (const { query, wanted: these } of queries) {
      if (run.aborted()) break;
      try {
        await listQuery(run, portal, query, { wanted: new Set(these), fresh: true });
      } catch (err) {
        if (run.aborted()) break;
        // Not known missing: the next run looks these up again.
        for (const url of these) unanswered.add(url);
        run.failQuery(query, err);
      }
    }
  }
  const found = knownTargets(db, archive, portal.host, 'article');
  let n = 0;
  for (const url of wanted) {
    if (found.has(url)) n++;
    else if (!run.aborted() && !unanswered.has(url)) missing(url);
  }
  if (wanted.length > 0) run.deps.log.info(`${portal.host}: looked up ${wanted.length} linked articles, ${n} in the web archive`);
  return n;
}

/** Whether links to articles that are neither listed nor looked up yet wait in the frontier. */
export function linksToLookUp(run: RecoverRun, portal: Portal): boolean {
  const known = knownTargets(run.db, run.archive, portal.host, 'article');
  return linkedArticles(run, portal).some((url) => !known.has(url) && !run.lookedUp.has(url));
}
