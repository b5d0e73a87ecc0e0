import { shellWord, summaryLine } from './closing.js';
import type { DemoResult, DemoSite } from './demo.js';

/** What the demo says before it crawls: these are bundled copies, served here, archived under the real names. */
export function demoIntro(sites: DemoSite[]): string {
  const width = Math.max(...sites.map((s) => s.host.length));
  return [
    `Demo: ${sites.length} bundled replicas of Điện Biên district portals, served on this machine (127.0.0.1).`,
    'Nothing is fetched from the internet; the archive names each site as the portal it copies:',
    ...sites.map((s) => `  ${s.host.padEnd(width)}  ${s.name}`),
    '',
  ].join('\n');
}

/**
 * What the demo made and what to try next. `show` turns an absolute path into what the user should type (relative
 * to where they are, when it is below it).
 */
export function demoClosing(result: DemoResult, show: (file: string) => string): string {
  const db = shellWord(show(result.db));
  const files: [string, string][] = [
    [show(result.db), `the archive (SQLite): ${result.articles} articles and every page as fetched`],
    ...result.exports.map((e): [string, string] => [show(e.path), `${e.count} records as ${e.format === 'csv' ? 'CSV' : 'JSON Lines'}`]),
    [show(result.report), 'the report: articles per month and site, what each field is missing; open it in a browser'],
  ];
  const width = Math.max(...files.map(([f]) => f.length));
  const site = result.sites.at(-1)!;
  const short = site.host.split('.')[0]!;
  return [
    summaryLine(result.summary),
    '',
    'Written:',
    ...files.map(([f, what]) => `  ${f.padEnd(width)}  ${what}`),
    '',
    'Try next:',
    `  npx portal-archiver search "đảng viên" --db ${db}`,
    `  npx portal-archiver export --db ${db} --site ${site.host} --format csv --excel --out ${short}.csv`,
    `  npx portal-archiver report --db ${db} --out report.html`,
    `  npx portal-archiver crawl ${shellWord(site.listingUrl)} --db data/${short}.sqlite   # the real portal, politely`,
    '',
  ].join('\n');
}
