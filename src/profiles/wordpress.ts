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

/** First path segments that are WordPress's own or a listing, never a post. */
const RESERVED = [
  'category', 'chuyen-muc', 'danh-muc', 'tag', 'the', 'author', 'tac-gia', 'page', 'feed', 'comments', 'search',
  'tim-kiem', 'wp-admin', 'wp-content', 'wp-includes', 'wp-json', 'wp-login.php', 'xmlrpc.php', 'sitemap.xml',
  'lien-he', 'gioi-thieu', 'so-do-site', 'so-do-trang', 'tin-tuc', 'tin-tuc-su-kien', 'thong-bao', 'van-ban',
];

/**
 * WordPress district and commune sites (Bắc Kạn, Đà Nẵng communes). Posts are `/<slug>/` (or dated
 * `/<yyyy>/<mm>/<dd>/<slug>/`, or `?p=N`), listings `/category/<cat>/` paged `/page/N/`; a reading toolbar
 * (`Tăng cỡ chữ Giảm cỡ chữ Gửi thư In`) may stand before the title, the date reads `( Cập nhật ngày: dd/mm/yyyy )`,
 * and `Bài trước`/`Bài tiếp theo` glue the neighbouring titles to their labels. A post's URL looks like any page's,
 * so listings take article links from their items only, not from menus.
 */
export const wordpress: PortalProfile = {
  id: 'wordpress',
  name: 'WordPress site',
  recognise: [
    { in: 'generator', re: /WordPress/i, weight: 8, why: 'generator meta names WordPress' },
    { in: 'html', re: /\/wp-content\/(?:uploads|themes|plugins)\//, weight: 5, why: 'its files live under /wp-content/' },
    { in: 'html', re: /\/wp-includes\/|\/wp-json\/|api\.w\.org/, weight: 4, why: "it loads WordPress's /wp-includes/ or links its /wp-json/ API" },
    { in: 'links', re: /\/page\/\d+\/?(?:[?#]|$)/, weight: 2, min: 1, why: 'its pager uses /page/N/' },
    { in: 'links', re: /\/(?:category|chuyen-muc)\/[^/?#]+\/?/, weight: 1, min: 1, why: 'it links category archives /category/<cat>/' },
    { in: 'text', re: /^\(?\s*Cập nhật ngày\s*:/i, weight: 2, why: 'it prints "( Cập nhật ngày: dd/mm/yyyy )"' },
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
  date: {
    grammars: [TIME_DAY, DAY_TIME],
    bare: true,
    meta: ['article:published_time', 'datePublished', 'time'],
    timeZone: 'Asia/Ho_Chi_Minh',
  },
  header: 'title',
  url: {
    article: [
      { grammar: '/<yyyy>/<mm>[/<dd>]/<slug>/', path: /^\/\d{4}\/\d{2}(?:\/\d{2})?\/[^/]+\/?$/, trailingSlash: true },
      { grammar: '/?p=<id>', path: /^\/(?:index\.php)?$/, requires: ['p'], keep: ['p'] },
      { grammar: '/<slug>/', path: /^\/(?<slug>[^/.]+(?:\.html?)?)\/?$/, reserved: RESERVED, trailingSlash: true },
      {
        grammar: '/<category>/<slug>/',
        path: /^\/(?!(?:category|chuyen-muc|danh-muc|tag|the|author|tac-gia|page|feed|wp-[^/]*)\/)[^/.]+\/(?<slug>[^/.]+(?:\.html?)?)\/?$/,
        reserved: ['page', 'feed', 'amp', 'trackback', 'embed'],
        trailingSlash: true,
      },
    ],
    notArticle: [/^\/(?:wp-|feed\b|xmlrpc)/i],
    caseInsensitivePath: false,
    caseInsensitiveParams: false,
  },
  category: { path: null, rel: 'category' },
  listing: { keep: null, drop: TRACKING_PARAMS, key: /^(cat|tag|s)$/i, trailingSlash: true, itemsOnly: true },
  pager: {
    grammars: morePagers({ path: /\/page\/(\d+)\/?$/, pathFormat: '/page/{n}/' }, { param: 'paged' }),
    range: null,
    navTexts: NAV_TEXTS,
  },
  content: { bareCaptionMax: 0, bareByline: true, signOff: /\.?\s*\/\.(?=\s|$)/, dedupe: true },
  boilerplate: [...COMMON_BOILERPLATE, ...TOOLBAR_BOILERPLATE],
  imageFileName: IMAGE_FILE_NAME,
};
