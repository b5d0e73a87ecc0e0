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
 * NukeViet 4 (the Vietnamese open-source CMS; Lai Châu, Bình Định, Quảng Trị sub-sites). It names itself in
 * `<meta name="generator" content="NukeViet v4.5">`; articles are `/[vi/][<module>/]<cat>/<alias>-<id>.html`,
 * listings page with `/page-N`; the detail prints `Thứ hai - 21/08/2023 08:30` under the title, then the lead, the
 * body, `Tác giả:` / `Nguồn tin:` lines, and the lists `Những tin mới hơn` / `Những tin cũ hơn`. `savefile` and
 * `print` views repeat an article under another URL and are never followed.
 */
export const nukeviet: PortalProfile = {
  id: 'nukeviet',
  name: 'NukeViet 4 portal',
  recognise: [
    { in: 'generator', re: /NukeViet/i, weight: 8, why: 'generator meta names NukeViet' },
    { in: 'html', re: /\bnv_base_siteurl\b|\bnv_lang_data\b|\/themes\/[^/"']+\/js\/main\.js|nukeviet/i, weight: 4, why: "it loads NukeViet's scripts (nv_base_siteurl)" },
    { in: 'url', re: /^https?:\/\/[^/]+(?:\/[^/?#]+){1,3}\/[^/?#]+-\d+\.html(?:[?#]|$)/i, weight: 3, why: 'the URL follows the NukeViet article grammar /[vi/][<module>/]<cat>/<alias>-<id>.html' },
    { in: 'links', re: /^https?:\/\/[^/]+(?:\/[^/?#]+){1,3}\/[^/?#]+-\d+\.html(?:[?#]|$)/i, weight: 3, why: 'its links follow the NukeViet article grammar /<cat>/<alias>-<id>.html' },
    { in: 'links', re: /\/page-\d+\/?(?:[?#]|$)/, weight: 2, min: 1, why: 'its pager uses /page-N' },
    { in: 'links', re: /\/(?:savefile|print)\/[^?#]+-\d+\.html/i, weight: 2, min: 1, why: 'it links savefile/print views' },
    { in: 'text', re: /^(Những tin mới hơn|Những tin cũ hơn|Theo dòng sự kiện)\s*:?$/i, weight: 3, why: 'it prints NukeViet\'s "Những tin cũ hơn" blocks' },
    { in: 'text', re: /^Đã xem\s*:\s*\d/i, weight: 1, why: 'it prints "Đã xem: N"' },
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
    article: [{ grammar: '/[vi/][<module>/]<cat>/<alias>-<id>.html', path: /^(?:\/[^/]+){1,3}\/[^/]+-\d+\.html$/ }],
    notArticle: [/\/(savefile|print|sendmail|rss|tag|search|users|comment)\//i],
    caseInsensitivePath: false,
    caseInsensitiveParams: false,
  },
  category: { path: /^(?<cat>(?:\/[^/]+){1,3})\/[^/]+-\d+\.html$/, rel: null },
  listing: { keep: null, drop: TRACKING_PARAMS, key: null, trailingSlash: true, itemsOnly: false },
  pager: {
    grammars: morePagers({ path: /\/page-(\d+)\/?$/, pathFormat: '/page-{n}' }),
    range: null,
    navTexts: NAV_TEXTS,
  },
  content: { bareCaptionMax: 0, bareByline: true, signOff: /\.?\s*\/\.(?=\s|$)/, dedupe: true },
  boilerplate: [...COMMON_BOILERPLATE, ...TOOLBAR_BOILERPLATE],
  imageFileName: IMAGE_FILE_NAME,
};
