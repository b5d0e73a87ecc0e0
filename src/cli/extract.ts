import { readFileSync, statSync } from 'node:fs';
import { PortalArchiverError, UsageError } from '../errors.js';
import { standaloneRecord } from '../export/standalone.js';
import { writeChunk } from '../export/write.js';
import { extractPage } from '../extract/page.js';
import { decodeHtml } from '../fetch/decode.js';
import { profileById, profiles } from '../profiles/index.js';
import { EXIT } from './exit-codes.js';
import { seedUrl } from './options.js';

export interface ExtractCommandOptions {
  /** Files, or `-` for stdin (once). */
  inputs: string[];
  /** One URL for each input, in order; or none, and each page's declared URL is used. */
  urls: string[];
  profile: string;
}

export interface ExtractCommandDeps {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Reads stdin whole; injected for tests. */
  readStdin: () => Promise<Buffer>;
  /** For stdin, which has no modification time: when it was read. */
  now: () => Date;
}

export interface ExtractCommandResult {
  code: number;
  records: number;
  failed: number;
}

/**
 * The URL a saved page declares for itself: the `<!-- saved from url=(0061)https://… -->` comment browsers write,
 * else `<link rel="canonical">`, else `og:url`. Looked for by pattern: the page is not parsed for it.
 */
export function declaredUrl(html: string): string | null {
  const candidates = [
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html)?.[1],
    /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']/i.exec(html)?.[1],
    /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']?canonical\b/i.exec(html)?.[1],
    /<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)["']/i.exec(html)?.[1],
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const url = new URL(c.replace(/&amp;/g, '&'));
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // not a URL; try the next
    }
  }
  return null;
}

interface Input {
  name: string;
  body: Buffer;
  /** When the page was saved: the file's modification time, or when stdin was read. */
  at: string;
}

async function readInputs(inputs: string[], deps: ExtractCommandDeps): Promise<Input[]> {
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const out: Input[] = [];
  for (const name of inputs) {
    if (name === '-') {
      out.push({ name: '(stdin)', body: await deps.readStdin(), at: deps.now().toISOString() });
      continue;
    }
    try {
      const stat = statSync(name);
      if (!stat.isFile()) throw new UsageError(`${name} is not a file`);
      out.push({ name, body: readFileSync(name), at: stat.mtime.toISOString() });
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
    }
  }
  return out;
}

/**
 * `extract <file|->... --url <url>`: reads saved pages (charset sniffed as the crawl does), prints one JSONL record a
 * page in export's shape. A page with no article is one line on stderr and exit code 2; the others still print.
 */
export async function extractCommand(options: ExtractCommandOptions, deps: ExtractCommandDeps): Promise<ExtractCommandResult> {
  const { inputs, urls, profile } = options;
  if (inputs.length === 0) throw new UsageError('no page to read: give saved HTML files, or - for stdin');
  if (profile !== 'auto' && profile !== 'generic' && !profileById(profile)) {
    throw new UsageError(`unknown profile "${profile}"; known: auto, generic, ${profiles.map((p) => p.id).join(', ')}`);
  }
  if (urls.length > 0 && urls.length !== inputs.length) {
    throw new UsageError(`${inputs.length} pages and ${urls.length} --url: give one --url per page, in the same order (or none, to use the URL each saved page declares)`);
  }
  const given = urls.map((u) => seedUrl(u));
  const pages = await readInputs(inputs, deps);
  const resolved = pages.map((page, i) => {
    if (given[i]) return given[i]!;
    const declared = declaredUrl(decodeHtml(page.body, undefined));
    if (!declared) throw new UsageError(`${page.name}: give its original URL with --url (the page does not declare one)`);
    return declared;
  });

  let records = 0;
  let failed = 0;
  for (const [i, page] of pages.entries()) {
    const url = resolved[i]!;
    let line: string;
    try {
      const extracted = extractPage(decodeHtml(page.body, undefined), url, { profile });
      line = JSON.stringify(standaloneRecord(extracted, page.at));
    } catch (err) {
      if (!(err instanceof PortalArchiverError) || err.policy === 'abort') throw err;
      failed++;
      deps.stderr.write(`portal-archiver: ${page.name}: no article (${err.message})\n`);
      continue;
    }
    await writeChunk(deps.stdout, `${line}\n`);
    records++;
  }
  return { code: failed > 0 ? EXIT.partial : EXIT.ok, records, failed };
}
