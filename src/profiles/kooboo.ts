import type { PortalProfile } from './profile.js';

/**
 * Kooboo CMS 4.x district portals of Điện Biên (tuachua, huyentuachua, muonglay, huyendienbien...).
 * Facts from the text renderings and URL grammar recorded in the project's notes; class names are unknown and
 * differ per site, so nothing here names one.
 */
export const kooboo: PortalProfile = {
  id: 'kooboo',
  name: 'Kooboo CMS 4.x portal',
  labels: {
    published: ['Thời gian đăng', 'Ngày đăng'],
    related: ['Các tin khác', 'Tin khác', 'Các tin đã đưa', 'Tin liên quan', 'Tin cùng chuyên mục', 'Bài viết khác', 'Các bài viết khác', 'Tin bài khác'],
    author: ['Tác giả', 'Người viết'],
    source: ['Nguồn'],
    home: ['Trang chủ', 'Trang chính'],
  },
  date: {
    // Day first and a 12-hour clock; single-digit parts have been seen on other Kooboo sites.
    pattern: /(\d{1,2}\/\d{1,2}\/\d{4})(?:\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*([AP]M)?)?/i,
    // A day without a time reads as midnight in Vietnam; no portal of this family was seen to print one.
    formats: ['d/M/yyyy h:mm:ss a', 'd/M/yyyy h:mm a', 'd/M/yyyy H:mm:ss', 'd/M/yyyy H:mm', 'd/M/yyyy'],
    timeZone: 'Asia/Ho_Chi_Minh',
  },
  url: {
    articlePath: /^((?:\/dev~[^/]+)?\/[^/]+)\/view\/([^/]*)\/?$/i,
    shortArticlePath: /^((?:\/dev~[^/]+)?\/[^/~]+)\/([^/]+)\/?$/,
    reservedSegments: ['view', 'cm', 'all', 'default', 'index', 'search', 'timkiem', 'tim-kiem', 'rss'],
    articleKeyParam: 'UserKey',
    viewSegment: 'View',
    pageParam: 'PageIndex',
    listingKeyParam: 'userkey',
  },
  pager: {
    // Matched at the start of a text block: the CMS prints the range first in the pager's own element.
    range: /^(\d+)\s*-\s*(\d+)\s+(?:of|trên|của|\/)\s+(\d+)/i,
    navTexts: ['<', '>', '<<', '>>', '«', '»', '‹', '›', '...', '…', 'Trước', 'Sau', 'Đầu', 'Cuối'],
  },
  boilerplate: [
    /^(Hôm nay|Hôm qua|Tuần này|Tuần trước|Tháng này|Tháng trước|Tất cả các ngày|Thống kê truy cập|Tổng truy cập|Đang truy cập|Đang online|Lượt truy cập)\b/i,
    /^(Lượt xem|Số lượt xem|Lượt đọc|Lượt truy cập)\s*:?\s*[\d.,]*$/i,
    /^(In bài( viết)?|Bản in|Gửi (bài|email|cho bạn bè)|Chia sẻ|Quay lại|Trở về|Về đầu trang|Lên đầu trang|Bình luận|Tweet|Facebook|Zalo|Cỡ chữ|Phóng to|Thu nhỏ|Đọc bài|Nghe đọc)\b.{0,20}$/i,
  ],
  imageFileName: /^[^\s/\\]{1,200}\.(jpe?g|png|gif|bmp|webp|tiff?)$/i,
};
