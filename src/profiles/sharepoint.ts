import { DAY_TIME, TIME_DAY } from './date-grammars.js';
import type { PortalProfile } from './profile.js';
import {
  AUTHOR_LABELS,
  COMMON_BOILERPLATE,
  END_LABELS,
  HOME_LABELS,
  IMAGE_FILE_NAME,
  morePagers,
  NAV_TEXTS,
  ORGANISATIONS,
  PUBLISHED_LABELS,
  RELATED_LABELS,
  SOURCE_LABELS,
  TOOLBAR_BOILERPLATE,
  TRACKING_PARAMS,
} from './shared.js';

/**
 * SharePoint 2010/2013 portals on the "TANDAN" theme (Ninh Thuận, Thanh Hóa districts, Hà Tĩnh communes, Điện Biên
 * departments) and Quảng Ninh's localised `Trang/ChiTietTinTuc.aspx?nid=` form. Articles live under
 * `/portal/Pages/<yyyy-m-d>/<Slug cut near 50 chars><random suffix>.aspx` (the date not zero-padded, `pages` in
 * either case); the title is followed by `Đăng ngày dd - mm - yyyy` (no time), `Lượt xem: N`, the font-size
 * widget's `100%` and blank paragraphs; Quảng Ninh prints a bare `dd/mm/yyyy HH:MM` instead. Captions are the plain
 * paragraph under a picture or `(Ảnh: X/TTXVN)`; the byline is a bare last line, often an organisation.
 */
export const sharepoint: PortalProfile = {
  id: 'sharepoint',
  name: 'SharePoint portal (TANDAN theme)',
  recognise: [
    { in: 'generator', re: /SharePoint/i, weight: 8, why: 'generator meta names Microsoft SharePoint' },
    { in: 'url', re: /\/pages\/\d{4}-\d{1,2}-\d{1,2}\/[^/]+\.aspx$/i, weight: 5, why: 'the URL follows the SharePoint article grammar /portal/Pages/<yyyy-m-d>/<Slug><id>.aspx' },
    { in: 'url', re: /\/ChiTietTinTuc\.aspx\?(?:.*&)?nid=\d+/i, weight: 5, why: 'the URL follows the SharePoint article grammar /Trang/ChiTietTinTuc.aspx?nid=<id>' },
    { in: 'url', re: /\/pages\/[^/]+\.aspx$/i, weight: 2, why: 'the URL is a SharePoint page /Pages/<Name>.aspx' },
    { in: 'links', re: /\/pages\/\d{4}-\d{1,2}-\d{1,2}\/[^/?#]+\.aspx/i, weight: 5, why: 'its links follow the SharePoint article grammar /portal/Pages/<yyyy-m-d>/<Slug><id>.aspx' },
    { in: 'links', re: /\/ChiTietTinTuc\.aspx\?(?:.*&)?nid=\d+/i, weight: 5, why: 'its links follow the SharePoint article grammar ChiTietTinTuc.aspx?nid=<id>' },
    { in: 'html', re: /\/_layouts\/(?:1[45]\/)?|_spPageContextInfo|\/_catalogs\/masterpage\//i, weight: 5, why: "it loads SharePoint's /_layouts/ and master-page files" },
    { in: 'html', re: /\/portal\/Photos\/\d{4}-\d{2}-\d{2}\//i, weight: 3, why: 'its images live under /portal/Photos/<yyyy-mm-dd>/' },
    { in: 'text', re: /^Đăng ngày\s+\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}/i, weight: 4, why: 'it prints "Đăng ngày dd - mm - yyyy"' },
    { in: 'html', re: /class="[^"]*\btandan-/i, weight: 1, why: 'hint: tandan- class names' },
  ],
  labels: {
    published: PUBLISHED_LABELS,
    related: RELATED_LABELS,
    end: END_LABELS,
    author: AUTHOR_LABELS,
    source: SOURCE_LABELS,
    home: HOME_LABELS,
    organisations: ORGANISATIONS,
  },
  date: { grammars: [TIME_DAY, DAY_TIME], bare: true, meta: ['article:published_time', 'datePublished'], timeZone: 'Asia/Ho_Chi_Minh' },
  header: 'title',
  url: {
    article: [
      { grammar: '/portal/Pages/<yyyy-m-d>/<Slug><id>.aspx', path: /^(?:\/[^/]+)*\/pages\/\d{4}-\d{1,2}-\d{1,2}\/[^/]+\.aspx$/i },
      { grammar: '/Trang/ChiTietTinTuc.aspx?nid=<id>', path: /\/chitiettintuc\.aspx$/i, requires: ['nid'], keep: ['nid'] },
    ],
    // The print view shows the same article under another URL; default pages are listings.
    notArticle: [/\/print\.aspx$/i, /\/printitem\.aspx$/i, /\/default\.aspx$/i],
    caseInsensitivePath: true,
    caseInsensitiveParams: true,
  },
  category: { path: null, rel: null },
  listing: {
    keep: null,
    drop: TRACKING_PARAMS,
    key: /^(cid|catid|cat|categoryid|chuyenmuc|l|lv)$/i,
    trailingSlash: null,
    itemsOnly: false,
  },
  pager: {
    grammars: morePagers({ param: 'Page' }),
    range: null,
    navTexts: NAV_TEXTS,
  },
  content: { bareCaptionMax: 200, bareByline: true, signOff: /\.?\s*\/\.(?=\s|$)/, dedupe: true },
  boilerplate: [...COMMON_BOILERPLATE, ...TOOLBAR_BOILERPLATE],
  imageFileName: IMAGE_FILE_NAME,
};
