import { probe, type ProbeReport } from '../discover/probe.js';
import { politeSession } from '../fetch/session.js';
import type { Logger } from '../log.js';
import { EXIT } from './exit-codes.js';

export interface ProbeCommandOptions {
  url: string;
  format: 'text' | 'json';
  userAgent: string;
  delay: number;
  timeout: number;
  retries: number;
  ignoreRobots?: boolean;
}

export interface ProbeCommandResult {
  code: number;
  report: ProbeReport;
  output: string;
}

function pagerLine(pager: NonNullable<ProbeReport['listing']>['pager']): string {
  if (!pager) return 'none (one page)';
  if ('postback' in pager) return `postback only (not walkable by GET): ${pager.why.join('; ')}`;
  const of = pager.last === null ? 'last page not stated' : `of ${pager.last}`;
  return `${pager.form}, page ${pager.current} ${of} (${pager.why.join('; ')})`;
}

/** The report as people read it: one fact a line, then the sample record as indented JSON. */
export function formatProbe(r: ProbeReport): string {
  const lines = [`url:       ${r.url}`, `page:      ${r.page}`, `family:    ${r.family}`];
  for (const why of r.why) lines.push(`  because  ${why}`);
  if (r.listing) {
    const l = r.listing;
    lines.push(`pager:     ${pagerLine(l.pager)}`);
    lines.push(`articles:  ${l.pattern ?? 'no pattern'} (${l.articlesOnPage} on this page)`);
    for (const why of l.patternWhy) lines.push(`  because  ${why}`);
    lines.push(`estimate:  ${l.estimate ? `${l.estimate.articles} articles (${l.estimate.basis})` : 'unknown'}`);
    lines.push(`scope:     ${l.scope}`);
    lines.push(`feeds:     ${l.feeds.length ? l.feeds.join(' ') : 'none announced'}`);
  }
  if (r.sample) {
    lines.push(`sample:    ${r.sample.url}`);
    lines.push(r.sample.record ? JSON.stringify(r.sample.record, null, 2) : `  no record: ${r.sample.error}`);
  } else lines.push('sample:    no article linked');
  return `${lines.join('\n')}\n`;
}

/**
 * `probe <url>`: one listing page and one article, fetched politely, nothing written. Exit 0 when the sample
 * article gave a record, 2 when the site was recognised but no sample record could be had.
 */
export async function probeCommand(options: ProbeCommandOptions, deps: { log: Logger; signal?: AbortSignal }): Promise<ProbeCommandResult> {
  const session = politeSession(
    {
      userAgent: options.userAgent,
      delay: options.delay,
      timeout: options.timeout,
      retries: options.retries,
      ignoreRobots: options.ignoreRobots ?? false,
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
    deps.log,
  );
  try {
    const report = await probe(options.url, session);
    const output = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatProbe(report);
    return { code: report.sample?.record ? EXIT.ok : EXIT.partial, report, output };
  } finally {
    await session.close();
  }
}
