/**
 * View mode (`/web/<ts>/<url>`): what a browser sees on the Wayback Machine. The toolbar is inserted into the body,
 * playback scripts into the head, a comment after `</html>`, every link and src rewritten into the archive, and
 * the text re-decoded with a guessed charset (UTF-8 when the archived headers name none), so a page in another
 * charset comes out mangled. Nothing of it may reach a record: `BANNER_TEXTS` lists what tests look for.
 */
import { archivedHeader, payloadOf, type Capture } from './capture.js';
import { linkHeader, type LinkBase } from './links.js';
import { HTML_UTF8, type ArchiveReply } from './reply.js';
import { httpDateOf } from './timestamp.js';

/** Strings that only the view mode prints; none of them may appear in a recovered record. */
export const BANNER_TEXTS = [
  'BEGIN WAYBACK TOOLBAR INSERT',
  'wm-ipp-base',
  '__wm.init',
  'bundle-playback.js',
  'FILE ARCHIVED ON',
  'JAVASCRIPT APPENDED BY WAYBACK MACHINE',
  'Lưu trữ bởi Wayback Machine',
  'Got an HTTP',
] as const;

const two = (n: number) => String(n).padStart(2, '0');
const printable = (ts: string) => `${ts.slice(6, 8)}/${ts.slice(4, 6)}/${ts.slice(0, 4)} ${ts.slice(8, 10)}:${ts.slice(10, 12)}`;

function headScripts(base: string, c: Capture): string {
  return `<script src="${base}/_static/js/bundle-playback.js?v=1" charset="utf-8"></script>
<script src="${base}/_static/js/wombat.js?v=1" charset="utf-8"></script>
<script>window.RufflePlayer=window.RufflePlayer||{};__wm.init("${base}/web");__wm.wombat("${c.original}","${c.timestamp}","${base}/","web","${base}/_static/","1");</script>
<link rel="stylesheet" type="text/css" href="${base}/_static/css/banner-styles.css?v=1" />
<!-- End Wayback Rewrite JS Include -->
`;
}

function toolbar(base: string, c: Capture, count: number): string {
  return `<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;">
<div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;">
<p class="wm-title">The Wayback Machine - ${base}/web/${c.timestamp}/${c.original}</p>
<p class="wm-capinfo">Lưu trữ bởi Wayback Machine: ${count} lần chụp, bản chụp ngày ${printable(c.timestamp)}. Tin tức mới nhất đã được lưu.</p>
<ul><li><a href="${base}/web/${c.timestamp}*/${c.original}">${count} captures</a></li></ul>
</div></div>
<!-- END WAYBACK TOOLBAR INSERT -->
`;
}

function trailer(c: Capture, now: Date): string {
  const at = `${c.timestamp.slice(8, 10)}:${c.timestamp.slice(10, 12)}:${c.timestamp.slice(12, 14)} ${httpDateOf(c.timestamp)}`;
  const retrieved = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} ${now.toUTCString()}`;
  return `<!--
     FILE ARCHIVED ON ${at} AND RETRIEVED FROM THE
     INTERNET ARCHIVE ON ${retrieved}.
     JAVASCRIPT APPENDED BY WAYBACK MACHINE, COPYRIGHT INTERNET ARCHIVE.
-->
`;
}

/** `href`/`src` into the archive at the same timestamp, resolved against the capture's URL. */
function rewriteLinks(html: string, base: string, c: Capture): string {
  return html.replace(/\b(href|src)=(["'])(.*?)\2/gi, (whole, name: string, q: string, value: string) => {
    if (/^(#|javascript:|mailto:|data:)/i.test(value)) return whole;
    let abs: string;
    try {
      abs = new URL(value.replace(/&amp;/g, '&'), c.original).href;
    } catch {
      return whole;
    }
    return `${name}=${q}${base}/web/${c.timestamp}/${abs.replace(/&/g, '&amp;')}${q}`;
  });
}

function charsetOf(contentType: string | undefined): string {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
}

function decode(body: Buffer, label: string): string {
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function decorate(html: string, base: string, c: Capture, count: number): string {
  let out = rewriteLinks(html, base, c);
  out = out.replace(/<head[^>]*>/i, (h) => `${h}\n${headScripts(base, c)}`);
  out = out.replace(/<body[^>]*>/i, (b) => `${b}\n${toolbar(base, c, count)}`);
  return out + trailer(c, new Date());
}

/** An archived redirect in view mode: a 200 page announcing it, with a link to the target inside the archive. */
function redirectPage(base: string, c: Capture, count: number): string {
  const target = `${base}/web/${c.timestamp}/${c.location ?? ''}`;
  return decorate(
    `<!DOCTYPE html><html><head><title>Wayback Machine</title></head><body>
<div id="positionHome"><section><p class="code">Got an HTTP ${c.status} response at crawl time</p>
<p class="code shift target">Redirecting to...</p><p class="impatient"><a href="${target}">Impatient?</a></p></section></div>
<script>setTimeout(function(){document.location.href="${target}";},5000);</script>
</body></html>
`,
    base,
    c,
    count,
  );
}

export function viewReply(origin: string, links: LinkBase, list: readonly Capture[], self: Capture): ArchiveReply {
  const p = payloadOf(self);
  const contentType = archivedHeader(p, 'Content-Type') ?? 'text/html';
  const headers: [string, string][] = [
    ['Memento-Datetime', httpDateOf(self.timestamp)],
    ['Link', linkHeader(links, list, self)],
    ['X-Archive-Src', p.file],
  ];
  if (p.status >= 300 && p.status < 400 && p.location !== undefined) {
    return { status: 200, headers: [['Content-Type', HTML_UTF8], ...headers], body: Buffer.from(redirectPage(origin, p, list.length), 'utf8') };
  }
  if (!/html/i.test(contentType)) return { status: p.status, headers: [['Content-Type', contentType], ...headers], body: p.body };
  const guessed = charsetOf(contentType);
  const html = decorate(decode(p.body, guessed), origin, self, list.length);
  return {
    status: p.status,
    headers: [['Content-Type', HTML_UTF8], ['X-Archive-Guessed-Charset', guessed.toLowerCase()], ['X-Archive-Guessed-Content-Type', 'text/html'], ...headers],
    body: Buffer.from(html, 'utf8'),
  };
}
