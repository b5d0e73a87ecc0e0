/**
 * Short blocks that are page tools rather than prose, by what they say: skip links, font-size and print tools,
 * share buttons, view counters. Tested on whole blocks, so prose that merely contains the words is never dropped.
 */
const TOOL_WORDS = [
  'skip to main content', 'skip to content', 'skip to navigation', 'jump to navigation', 'truy cập nội dung luôn',
  'chuyển đến nội dung chính', 'bỏ qua nội dung', 'tăng cỡ chữ', 'giảm cỡ chữ', 'cỡ chữ', 'xem với cỡ chữ',
  'mặc định', 'tăng sáng', 'giảm sáng', 'tăng tương phản', 'giảm tương phản', 'gửi thư', 'gửi email', 'gửi bài',
  'in bài', 'in bài viết', 'in trang', 'in ra', 'bản in', 'chia sẻ', 'lưu bài viết này', 'lưu bài', 'phóng to',
  'thu nhỏ', 'nghe đọc', 'đọc bài', 'nghe bài viết', 'quay lại', 'trở về', 'về đầu trang', 'lên đầu trang',
  'bình luận', 'facebook', 'zalo', 'twitter', 'tweet', 'email', 'e-mail', 'print', 'share', 'share this',
  'in', 'a-', 'a+', 'a', 'top', 'back to top', 'advertisement', 'anzeige', 'publicité', 'werbung',
];
const TOOLS = new Set(TOOL_WORDS);
const LONG_TOOLS = TOOL_WORDS.filter((w) => w.length >= 3).sort((a, b) => b.length - a.length);
const SPLIT = /\s*(?:\||·|•|\/)\s*|\s{2,}/;

const COUNTER =
  /^(?:lượt xem|số lượt xem|lượt đọc|lượt truy cập|đã xem|số lần đọc|views?|lần xem)\s*:?\s*[\d.,]*\s*(?:lượt|lần)?$/i;
const PERCENT = /^\d{2,3}\s*%$/;

/** Copyright and reading-time lines: page furniture printed inside the article's box. */
const NOTICE =
  /^(?:©|\(c\)\s|copyright\b|bản quyền\b)|all rights reserved\.?$|^(?:estimated )?reading time\b|^\d+\s*(?:min(?:ute)?s?|phút)\s*(?:read|đọc)\b|^thời gian đọc\b/i;

/** The whole block is tool text: a skip link, a toolbar, a counter, a font-size value, a copyright line. */
export function isToolText(text: string): boolean {
  if (text.length > 200 || text.length === 0) return false;
  const t = text.toLowerCase().trim();
  if (NOTICE.test(t)) return true;
  if (text.length > 120) return false;
  if (COUNTER.test(t) || PERCENT.test(t) || TOOLS.has(t)) return true;
  if (/^(?:skip to|truy cập nội dung|chuyển đến nội dung)/.test(t)) return true;
  // Toolbars printed as one line: every word group is a tool (`Tăng cỡ chữ Giảm cỡ chữ Gửi thư In`).
  let rest = t;
  for (const word of LONG_TOOLS) if (rest.includes(word)) rest = rest.split(word).join(' ');
  rest = rest.replace(/\b(?:a-|a\+|a|in)\b/g, ' ').replace(/[\s|·•/:\-+%\d]+/g, '');
  return rest.length === 0 && t.split(SPLIT).length >= 1 && /\p{L}/u.test(t);
}

/** `Lượt xem: N` and its kin, anywhere in a line. */
export const COUNTER_ANYWHERE = /(?:lượt xem|số lượt xem|lượt đọc|đã xem|views?)\s*:?\s*[\d.,]+/iu;
