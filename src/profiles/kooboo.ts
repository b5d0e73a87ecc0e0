import { KOOBOO_DAY_TIME } from './date-grammars.js';
import type { PortalProfile } from './profile.js';
import { IMAGE_FILE_NAME } from './shared.js';

/**
 * Kooboo CMS 4.x district portals of Điện Biên (tuachua, huyentuachua, muonglay, huyendienbien...).
 * Facts from the text renderings and URL grammar recorded in the project's notes; class names are unknown and
 * differ per site, so nothing here names one.
 */
export const kooboo: PortalProfile = {
  id: 'kooboo',
  name: 'Kooboo CMS 4.x portal',
  recognise: [
    { in: 'url', re: /\/view\/[^/]+\/?$|\/view\/?\?userkey=/i, weight: 4, why: 'the URL follows the Kooboo article grammar /<PageKey>/View/<UserKey>' },
    { in: 'links', re: /\/view\/[^/?#]+|\/view\/?\?userkey=/i, weight: 4, why: 'its links follow the Kooboo article grammar /<PageKey>/View/<UserKey>' },
    { in: 'links', re: /[?&]PageIndex=\d+/, weight: 2, why: 'its pager uses PageIndex=N' },
    { in: 'text', re: /^Thời gian đăng\s*:|[\s|]Thời gian đăng\s*:/i, weight: 4, why: 'it prints the label "Thời gian đăng:"' },
    { in: 'text', re: /^\d+\s*-\s*\d+\s+of\s+\d+/i, weight: 3, why: 'it prints the Kooboo pager "<start>-<end> of <total>"' },
    { in: 'html', re: /\/Cms_Data\/(Contents|Sites)\//i, weight: 4, why: 'its files live under /Cms_Data/ (Kooboo\'s folders)' },
    { in: 'generator', re: /Kooboo/i, weight: 6, why: 'generator meta names Kooboo' },
  ],
  labels: {
    published: ['Thời gian đăng', 'Ngày đăng'],
    related: ['Các tin khác', 'Tin khác', 'Các tin đã đưa', 'Tin liên quan', 'Tin cùng chuyên mục', 'Bài viết khác', 'Các bài viết khác', 'Tin bài khác'],
    end: [],
    author: ['Tác giả', 'Người viết'],
    source: ['Nguồn'],
    home: ['Trang chủ', 'Trang chính'],
    organisations: [],
  },
  date: {
    // Day first and a 12-hour clock; single-digit parts have been seen on other Kooboo sites. A day without a time
    // reads as midnight in Vietnam; no portal of this family was seen to print one.
    grammars: [KOOBOO_DAY_TIME],
    bare: false,
    meta: [],
    timeZone: 'Asia/Ho_Chi_Minh',
  },
  header: 'label',
  url: {
    article: [
      {
        grammar: '/<PageKey>/View/<UserKey>',
        path: /^(?<prefix>(?:\/dev~[^/]+)?\/[^/]+)\/view\/(?<slug>[^/]+)\/?$/i,
        canonical: '{prefix}/View/{slug}',
      },
      {
        grammar: '/<PageKey>/View/?UserKey=<UserKey>',
        path: /^(?<prefix>(?:\/dev~[^/]+)?\/[^/]+)\/view\/?$/i,
        requires: ['UserKey'],
        canonical: '{prefix}/View/?UserKey={param:UserKey}',
      },
      {
        // The short form some sites print (`/T/<slug>?PageIndex=76`): an article only with the page parameter, which
        // menus never carry, and when the slug is not a listing word.
        grammar: '/<PageKey>/<UserKey>?PageIndex=N',
        path: /^(?<prefix>(?:\/dev~[^/]+)?\/[^/~]+)\/(?<slug>[^/]+)\/?$/,
        requires: ['PageIndex'],
        reserved: ['view', 'cm', 'all', 'default', 'index', 'search', 'timkiem', 'tim-kiem', 'rss'],
        canonical: '{prefix}/{slug}',
      },
    ],
    notArticle: [],
    caseInsensitivePath: false,
    caseInsensitiveParams: true,
  },
  category: { path: null, rel: null },
  listing: {
    keep: /^userkey$/i,
    drop: /^$/,
    key: /^userkey$/i,
    trailingSlash: null,
    itemsOnly: false,
  },
  pager: {
    grammars: [{ param: 'PageIndex', explicitFirst: true }],
    // Matched at the start of a text block: the CMS prints the range first in the pager's own element.
    range: /^(\d+)\s*-\s*(\d+)\s+(?:of|trên|của|\/)\s+(\d+)/i,
    navTexts: ['<', '>', '<<', '>>', '«', '»', '‹', '›', '...', '…', 'Trước', 'Sau', 'Đầu', 'Cuối'],
  },
  content: { bareCaptionMax: 0, bareByline: false, signOff: null, dedupe: false },
  boilerplate: [
    /^(Hôm nay|Hôm qua|Tuần này|Tuần trước|Tháng này|Tháng trước|Tất cả các ngày|Thống kê truy cập|Tổng truy cập|Đang truy cập|Đang online|Lượt truy cập)\b/i,
    /^(Lượt xem|Số lượt xem|Lượt đọc|Lượt truy cập)\s*:?\s*[\d.,]*$/i,
    /^(In bài( viết)?|Bản in|Gửi (bài|email|cho bạn bè)|Chia sẻ|Quay lại|Trở về|Về đầu trang|Lên đầu trang|Bình luận|Tweet|Facebook|Zalo|Cỡ chữ|Phóng to|Thu nhỏ|Đọc bài|Nghe đọc)\b.{0,20}$/i,
  ],
  imageFileName: IMAGE_FILE_NAME,
};
