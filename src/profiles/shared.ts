import type { PagerGrammar } from './profile.js';

/**
 * Words shared by several families: the Vietnamese labels portals print, the boilerplate blocks that are never
 * article text, and the first words of organisation names. A profile takes what its family prints, and may add.
 */

/** Short blocks that are never article content: visitor counters, view counts, share and print tools. */
export const COMMON_BOILERPLATE: RegExp[] = [
  /^(Hôm nay|Hôm qua|Tuần này|Tuần trước|Tháng này|Tháng trước|Tất cả các ngày|Thống kê truy cập|Tổng truy cập|Đang truy cập|Đang online|Lượt truy cập)\b/i,
  /^(Lượt xem|Số lượt xem|Lượt đọc|Lượt truy cập)\s*:?\s*[\d.,]*$/i,
  /^(In bài( viết)?|Bản in|Gửi (bài|email|cho bạn bè)|Chia sẻ|Quay lại|Trở về|Về đầu trang|Lên đầu trang|Bình luận|Tweet|Facebook|Zalo|Cỡ chữ|Phóng to|Thu nhỏ|Đọc bài|Nghe đọc)\b.{0,20}$/i,
];

/** Font-size, contrast and reading tools printed around the title of other families' articles. */
export const TOOLBAR_BOILERPLATE: RegExp[] = [
  /^(Đã xem|Lượt xem|Số lượt xem|lượt xem)\s*:?\s*[\d.,]+$/i,
  /^(?:A\s*[-+]?|\d{1,3}\s*%|\s)+$/,
  // A bare number: a view counter printed without its label.
  /^[\d.,\s]{1,12}$/,
  /^(Xem với cỡ chữ|Mặc định\s*Cỡ chữ|Cỡ chữ|Tăng cỡ chữ|Giảm cỡ chữ|Tăng sáng|Giảm sáng|Tăng tương phản|Giảm tương phản|Gửi thư|In|In ra|In bài|Lưu bài viết này|Chia sẻ|Nghe audio|Đọc bài viết)(\s+(Tăng cỡ chữ|Giảm cỡ chữ|Tăng sáng|Giảm sáng|Gửi thư|In|Tăng tương phản|Giảm tương phản|Mặc định|Cỡ chữ|[|]))*$/i,
  /^(Truy cập nội dung luôn|Skip to main content|Skip to content|Bỏ qua nội dung|Chuyển đến nội dung chính)$/i,
  // A "today" line of a page header, never an article's text.
  /^(Hôm nay\s*:?\s*)?(Thứ\s+\S+|Chủ\s+nhật|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*,?\s*(ngày\s*)?\d{1,2}(\s*[/.-]\s*\d{1,2}\s*[/.-]\s*|\s+tháng\s+\d{1,2}\s*,?\s*(năm\s*)?)\d{4}\s*-?$/iu,
  /^(Chia sẻ|Share|Chia sẻ bài viết)\s*:?[\s\p{L}|]{0,40}$/iu,
  /^(Tổng số điểm của bài viết là|Click để đánh giá bài viết|Bạn đã không sử dụng Site)\b/i,
];

export const RELATED_LABELS = [
  'Các tin khác', 'Tin khác', 'Các tin đã đưa', 'Tin liên quan', 'Tin cùng chuyên mục', 'Bài viết khác',
  'Các bài viết khác', 'Tin bài khác', 'Bài viết liên quan', 'Các bài viết liên quan', 'Tin bài liên quan',
  'Những tin mới hơn', 'Những tin cũ hơn', 'Theo dòng sự kiện', 'Tin mới hơn', 'Tin cũ hơn', 'Tin tức liên quan',
  'Bài liên quan', 'Tin đã đăng', 'Các tin đã đăng', 'Tin bài đã đưa', 'Các tin bài khác',
];

export const END_LABELS = [
  'Từ khóa', 'Từ khoá', 'Tags', 'Thẻ', 'File đính kèm', 'Tệp đính kèm', 'Đính kèm', 'Bài trước', 'Bài tiếp theo',
  'Bài sau', 'Ý kiến bạn đọc', 'Gửi ý kiến', 'Bình luận', 'Chia sẻ bài viết', 'Tin mới nhất', 'Tin xem nhiều',
];

/** Labels before a publication time on the families' article pages. */
export const PUBLISHED_LABELS = [
  'Ngày đăng', 'Đăng ngày', 'Đăng lúc', 'Ngày cập nhật', 'Cập nhật ngày', 'Cập nhật lúc', 'Cập nhật', 'Thời gian đăng',
  'Ngày xuất bản', 'Xuất bản', 'Gửi lúc', 'Ngày gửi',
];

export const AUTHOR_LABELS = ['Tác giả', 'Người viết', 'Bài và ảnh', 'Bài, ảnh', 'Tin, ảnh', 'Tin và ảnh'];
export const SOURCE_LABELS = ['Nguồn tin', 'Nguồn'];
export const HOME_LABELS = ['Trang chủ', 'Trang chính', 'Trang nhất'];

export const ORGANISATIONS = [
  'Trung tâm', 'TT ', 'Phòng', 'Ban ', 'Đài', 'Văn phòng', 'UBND', 'Ủy ban', 'Uỷ ban', 'HĐND', 'Hội ', 'Sở ',
  'Huyện ủy', 'Huyện uỷ', 'Huyện đoàn', 'Đảng ủy', 'Đảng uỷ', 'Công an', 'Trường', 'Báo ', 'Cổng', 'Trang thông tin',
  'Chi cục', 'Bảo hiểm', 'Kho bạc', 'Mặt trận', 'Liên đoàn', 'Thị ủy', 'Thành ủy', 'Tỉnh ủy', 'Bộ Chỉ huy',
  'Ban Chỉ huy', 'Viện', 'Cục', 'Tổng cục', 'TTXVN', 'Đoàn ', 'Xã ', 'Phường ', 'Thị trấn', 'Huyện ',
];

/** Query parameters of sessions, tracking and redirects: never part of a page's identity. */
export const TRACKING_PARAMS =
  /^(utm_\w+|fbclid|gclid|zarsrc|redirect|inheritRedirect|p_p_auth|_.+_redirect|Source|amp|replytocom|share|ref|from)$/i;

/**
 * Pager forms any of these sites may use besides its family's own (compared without case), tried after them: query
 * parameters and path suffixes holding the page number, 1-based.
 */
export function morePagers(...own: PagerGrammar[]): PagerGrammar[] {
  const names = new Set(own.map((g) => (typeof g.param === 'string' ? g.param.toLowerCase() : '')));
  const params = ['page', 'pageindex', 'trang', 'pg', 'paged', 'pagenumber', 'currentpage']
    .filter((p) => !names.has(p))
    .map((param): PagerGrammar => ({ param }));
  const paths: PagerGrammar[] = [
    { path: /\/page-(\d+)\/?$/, pathFormat: '/page-{n}' },
    { path: /\/page\/(\d+)\/?$/, pathFormat: '/page/{n}/' },
    { path: /\/trang-(\d+)\/?$/, pathFormat: '/trang-{n}' },
  ].filter((g) => !own.some((o) => o.path?.source === g.path.source));
  return [...own, ...params, ...paths];
}

export const IMAGE_FILE_NAME = /^[^\s/\\]{1,200}\.(jpe?g|png|gif|bmp|webp|tiff?)$/i;

export const NAV_TEXTS = [
  '<', '>', '<<', '>>', '«', '»', '‹', '›', '...', '…', 'Trước', 'Sau', 'Đầu', 'Cuối', 'Tiếp', 'Tiếp theo',
  'Trang trước', 'Trang sau', 'Trang đầu', 'Trang cuối', 'Đầu tiên', 'Cuối cùng', 'Next', 'Previous', 'First', 'Last',
];
