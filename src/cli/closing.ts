import type { CrawlSummary } from '../crawl/types.js';

/** A path or word as it can be pasted into a POSIX shell. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface ArchiveFacts {
  /** The archive path as the user gave it. */
  db: string;
  /** Articles the archive holds now; null when it could not be read (or was never created). */
  articles: number | null;
  /** Sites (hosts) the archive holds articles of. */
  sites: string[];
}

/** The commands worth trying next on an archive: export, search, report. */
export function nextCommands(db: string): string[] {
  const opt = `--db ${shellWord(db)}`;
  return [
    `portal-archiver export ${opt} --format csv --out articles.csv`,
    `portal-archiver search "your words" ${opt}`,
    `portal-archiver report ${opt} --out report.html`,
  ];
}

/**
 * What follows the crawl's one-line summary when not --quiet: where the data is, what went wrong if anything, and
 * what to run next. The summary line itself stays exactly as scripts parse it.
 */
export function crawlClosing(summary: Pick<CrawlSummary, 'failures' | 'interrupted'>, archive: ArchiveFacts, command = 'crawl'): string[] {
  const lines: string[] = [];
  if (archive.articles !== null) {
    const sites = archive.sites.length === 1 ? archive.sites[0]! : `${archive.sites.length} sites`;
    lines.push(`archive: ${archive.db} (${archive.articles} article${archive.articles === 1 ? '' : 's'}${archive.articles > 0 ? ` from ${sites}` : ''})`);
  }
  const failed = summary.failures.length;
  if (failed > 0) {
    lines.push(
      `${failed} URL${failed === 1 ? '' : 's'} failed: portal-archiver status --db ${shellWord(archive.db)} lists them; the next ${command} tries them again`,
    );
  }
  if (summary.interrupted) lines.push('interrupted: run the same command again to resume where it stopped');
  else if (archive.articles) lines.push(...nextCommands(archive.db).map((c, i) => `${i === 0 ? 'next:' : '     '} ${c}`));
  return lines;
}

/** The one line a crawl ends with (also all that --quiet prints). */
export function summaryLine(s: CrawlSummary): string {
  const a = s.articles;
  return (
    `crawl ${s.interrupted ? 'interrupted' : 'finished'}: ${s.listingPages} listing pages; articles ${a.new} new, ` +
    `${a.updated} updated, ${a.unchanged} unchanged, ${a.failed} failed, ${a.skipped} skipped; ` +
    (s.images ? `images ${s.images.stored} stored, ${s.images.failed} failed; ` : '') +
    `${s.seconds.toFixed(1)} s`
  );
}
