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

const ARTICLE = /^\/(?<cat>[^/.]+)\/[^/.]+-\d{3,}\/?$/;

/**
 * The `/<category>/<title-slug>-<id>` CMS without `.html` (vendor unconfirmed; Sơn La, Lào Cai, Bình Thuận,
 * Hải Phòng, Nghệ An districts and wards). The day (`24/09/2021`, no time) stands on its own line before the title;
 * bodies keep the hard line breaks of Word; captions are bare one-line paragraphs (doubled on Hải Phòng's new
 * sites) and the author a bare last line. Links carry `?pageindex=0` from the listing; the legacy numeric paths
 * `/<n>/<n>/<n>/<n>/<cat>/<slug>` show the same articles and are never followed.
 */
export const slugid: PortalProfile = {
  id: 'slugid',
  name: '/<category>/<slug>-<id> portal',
  recognise: [
    { in: 'url', re: /^https?:\/\/[^/]+\/[^/?#.]+\/[^/?#.]+-\d{3,}\/?(?:[?#]|$)/, weight: 5, why: 'the URL follows the article grammar /<category>/<slug>-<id> (no .html)' },
    { in: 'links', re: /^https?:\/\/[^/]+\/[^/?#.]+\/[^/?#.]+-\d{3,}\/?(?:[?#]|$)/, weight: 4, why: 'its links follow the article grammar /<category>/<slug>-<id> (no .html)' },
    { in: 'links', re: /[?&]pageindex=\d+/i, weight: 1, min: 1, why: 'its links carry pageindex=N' },
    { in: 'html', re: /storage-vnportal\.vnpt\.vn/i, weight: 2, why: 'its files live on storage-vnportal.vnpt.vn' },
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
    article: [{ grammar: '/<category>/<slug>-<id>', path: ARTICLE, trim: /\/$/ }],
    notArticle: [/^\/\d+\/\d+\/\d+\/\d+\//],
    caseInsensitivePath: true,
    caseInsensitiveParams: true,
  },
  category: { path: ARTICLE, rel: null },
  listing: { keep: null, drop: TRACKING_PARAMS, key: null, trailingSlash: false, itemsOnly: false },
  pager: {
    grammars: morePagers({ param: 'page' }, { param: 'pageindex', first: 0 }, { param: 'p' }),
    range: null,
    navTexts: NAV_TEXTS,
  },
  content: { bareCaptionMax: 200, bareByline: true, signOff: /\.?\s*\/\.(?=\s|$)/, dedupe: true },
  boilerplate: [...COMMON_BOILERPLATE, ...TOOLBAR_BOILERPLATE],
  imageFileName: IMAGE_FILE_NAME,
};
