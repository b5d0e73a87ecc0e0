import * as cheerio from 'cheerio';

/**
 * Checks on an archived page before it is read as content. Nothing of a web archive's own making may reach a
 * record: a replay that was rewritten (the Wayback toolbar, its scripts, links into the archive) is refused, and a
 * page that only says "not found" with status 200 (a soft-404, what gone portals answer) is not an article.
 */

/** Traces the Wayback Machine's view mode leaves in a page (its toolbar, scripts and closing comment). */
const REWRITE_MARKERS: RegExp[] = [
  /<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->/i,
  /\b__wm\.(init|wombat)\s*\(/,
  /\/_static\/js\/(bundle-playback|wombat)\.js/,
  /FILE ARCHIVED ON .{0,80} AND RETRIEVED FROM THE\s+INTERNET ARCHIVE/i,
  /\bwb_(head|toolbar|banner)\b/,
];

/** The marker of a rewritten (view-mode) replay the page carries, or null for a raw capture. */
export function rewrittenMarker(html: string): string | null {
  for (const marker of REWRITE_MARKERS) {
    const m = marker.exec(html);
    if (m) return m[0].slice(0, 60);
  }
  return null;
}

/**
 * What "page not found" pages say, in the portals' language and their servers' (IIS, ASP.NET). Matched against the
 * page's title and first headings only: an article may well mention these words in its text.
 */
const NOT_FOUND: RegExp[] = [
  /không tìm thấy (trang|nội dung|bài viết|dữ liệu|tin)/i,
  /(trang|nội dung|bài viết) (bạn )?(yêu cầu|tìm kiếm)? ?(không tồn tại|đã bị xóa|đã bị xoá)/i,
  /\bpage not found\b/i,
  /\b404\b.{0,40}\bnot found\b/i,
  /\bfile or directory not found\b/i,
  /\bthe resource cannot be found\b/i,
];

/** Whether the page is a soft-404: its title or first heading says the page does not exist. */
export function isSoftNotFound(html: string): boolean {
  if (!/không tìm thấy|không tồn tại|đã bị xó|not found|cannot be found/i.test(html.normalize('NFC'))) return false;
  const $ = cheerio.load(html);
  const texts = [$('title').first().text(), ...$('h1, h2').slice(0, 3).map((_, el) => $(el).text()).get()];
  return texts.some((t) => NOT_FOUND.some((re) => re.test(t.normalize('NFC').replace(/\s+/g, ' '))));
}
