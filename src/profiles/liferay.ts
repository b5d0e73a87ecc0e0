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
 * Liferay portals with the asset publisher (Bắc Giang, Bắc Ninh, Quảng Ngãi districts; VNPT and EcoIT portlets).
 * Pages open with the skip link `Truy cập nội dung luôn`; sites live under `/web/<site>/<page>`; an article is
 * `.../-/asset_publisher/<instance>/content/<urlTitle>[/<groupId>]` and its links carry `inheritRedirect` and
 * `redirect=` (dropped: one article, one record); listings page with the portlet's namespaced
 * `_<portlet>_cur=N&_<portlet>_delta=M`; items print the title twice and the time first (`16:23 03/12/2024`).
 */
export const liferay: PortalProfile = {
  id: 'liferay',
  name: 'Liferay portal (asset publisher)',
  recognise: [
    { in: 'generator', re: /Liferay/i, weight: 8, why: 'generator meta names Liferay' },
    { in: 'url', re: /\/-\/asset_publisher\/[A-Za-z0-9]+\/content\//, weight: 6, why: 'the URL follows the Liferay article grammar /-/asset_publisher/<instance>/content/<urlTitle>' },
    { in: 'links', re: /\/-\/asset_publisher\/[A-Za-z0-9]+\/content\//, weight: 5, min: 2, why: 'its links follow the Liferay article grammar /-/asset_publisher/<instance>/content/<urlTitle>' },
    { in: 'links', re: /[?&]_[A-Za-z0-9_]+_cur=\d+/, weight: 3, min: 1, why: 'its pager uses the portlet parameters _<portlet>_cur=N' },
    { in: 'links', re: /[?&]p_p_id=/, weight: 2, min: 1, why: 'its links address portlets (p_p_id=)' },
    { in: 'text', re: /^Truy cập nội dung luôn$/i, weight: 5, why: 'it opens with the skip link "Truy cập nội dung luôn" (Liferay\'s Skip to Content)' },
    { in: 'html', re: /id="p_p_id_[A-Za-z0-9_]+_"/, weight: 4, why: 'its portlets are wrapped as p_p_id_<portlet>_' },
    { in: 'html', re: /Liferay\.(?:ThemeDisplay|Portlet|AUI|Session)|\/html\/js\/liferay\/|\/o\/frontend-js/, weight: 5, why: "it loads Liferay's scripts" },
    { in: 'html', re: /\/documents\/\d+\/\d+\/[^"'\s]+/, weight: 2, why: 'its files live in the document library /documents/<group>/<folder>/' },
    { in: 'url', re: /^https?:\/\/[^/]+\/web\/[^/?#]+/, weight: 1, why: 'the URL is a Liferay site page /web/<site>/...' },
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
      {
        grammar: '.../-/asset_publisher/<instance>/content/<urlTitle>[/<groupId>]',
        path: /^(?:\/[^/]+)*\/-\/asset_publisher\/[A-Za-z0-9]+\/content\/[^/]+(?:\/\d+)?\/?$/,
        trim: /(?<=\/content\/[^/]+)\/\d+\/?$|\/$/,
      },
      { grammar: '[/web/<site>]/-/<urlTitle>', path: /^(?:\/web\/[^/]+)?\/-\/[^/]+\/?$/, trim: /\/$/ },
    ],
    notArticle: [],
    caseInsensitivePath: false,
    caseInsensitiveParams: false,
  },
  category: { path: null, rel: null },
  listing: {
    keep: null,
    drop: TRACKING_PARAMS,
    key: /(?:^|_)(?:cate|category|cat)Id$/i,
    trailingSlash: false,
    itemsOnly: false,
  },
  pager: {
    grammars: morePagers({ param: /^_[A-Za-z0-9_]+_cur$/ }),
    range: null,
    navTexts: NAV_TEXTS,
  },
  content: { bareCaptionMax: 0, bareByline: true, signOff: /\.?\s*\/\.(?=\s|$)/, dedupe: true },
  boilerplate: [...COMMON_BOILERPLATE, ...TOOLBAR_BOILERPLATE],
  imageFileName: IMAGE_FILE_NAME,
};
