/** Pages a gone portal answered with: its "page not found" text with status 200, and IIS's 404. */
import { renderError } from '../pages.js';
import type { Site } from '../site.js';
import { htmlDocument } from '../template.js';

export const SOFT_404_TEXT = 'Không tìm thấy trang';

export function softNotFoundPage(site: Site): Buffer {
  return Buffer.from(
    htmlDocument(
      `${SOFT_404_TEXT} - ${site.name}`,
      `<div class="notfound"><h1>${SOFT_404_TEXT}</h1>\n<p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p>\n<p><a href="/">Về trang chủ</a></p></div>`,
    ),
    'utf8',
  );
}

export function notFoundPage(url: string): Buffer {
  return Buffer.from(renderError(404, new URL(url).pathname + new URL(url).search), 'utf8');
}

/** IIS's body for a redirect. */
export function movedBody(to: string): Buffer {
  return Buffer.from(`<html><head><title>Object moved</title></head><body>\r\n<h2>Object moved to <a href="${to.replace(/&/g, '&amp;')}">here</a>.</h2>\r\n</body></html>\r\n`, 'utf8');
}
