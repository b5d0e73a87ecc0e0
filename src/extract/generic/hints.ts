import type { Element } from 'domhandler';

/**
 * Structural hints that a subtree is page furniture rather than the article, by tag, ARIA role and the generic
 * words that templates of every CMS use in class and id attributes (`comment`, `sidebar`, `share`...), as
 * Readability and trafilatura do. No hint names one site.
 *
 * A hint is `firm` (a semantic tag or role, a comment section: never the article) or `soft` (a class word that
 * templates also put on the article's own box, `js-advertorial` on a text column): a soft hint is withdrawn later
 * from a box that turns out to hold a long run of prose (see blocks.ts).
 */
export type Chrome = 'firm' | 'soft';

export const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'search', 'header']);
const CHROME_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'toolbar', 'dialog',
  'alertdialog', 'tablist', 'tooltip',
]);
const ARTICLE_ROLES = new Set(['main', 'article']);

/** Class words of comment sections: firm, comments are prose but never the article. */
const COMMENTS = /^(?:comments?|comment\w+|commentlist|disqus\w*|respond|replies|reply|binh-?luan|binhluan|y-?kien-?ban-?doc)$/;
/** Class words of furniture, whole words (plural and compounds such as `sidebar2`, `footerlinks` included). */
const FURNITURE =
  /^(?:nav|navs|navbar|navigation|navi|menu\w*|sidebar\w*|side|widget\w*|footer\w*|foot|masthead|banners?|promo\w*|ads?|advert\w*|advertisement|sponsor\w*|tags?|tagcloud|tags?list|keywords?|tools|toolbar|toolbox|print|skip\w*|meta|byline|bylines|author|authors|rating|rate|ratings|vote|votes|login|signin|search\w*|sns|share\w*|sharing|social\w*|modal|popup|overlay|topbar|breadcrumbs?|breadcrumb\w*|crumbs?|newsletter\w*|subscribe\w*|subscription|signup|cookies?|consent|gdpr|pagination|paginator|pager|related\w*|relatedposts|recommend\w*|popular|trending|outbrain|taboola|shoutbox|skyscraper|lienquan|lien-quan|tinkhac|tin-khac|chiase|chia-se|xemnhieu|tinmoi|quangcao|quang-cao)$/;
/** Pairs of words that name furniture together (`read-more`, `more-news`, `tin-lien-quan`). */
const FURNITURE_PAIRS = /(?:^|-)(?:read-more|more-(?:news|stories|articles|posts)|most-(?:read|popular|viewed)|lien-quan|tin-khac|cung-chuyen-muc|chia-se|quang-cao|xem-nhieu|tin-moi|hot-news|top-menu|main-menu|site-header|page-header|site-footer|page-footer|social-links|share-links)(?:-|$)/;
/** Class words of the article's own box. */
const CONTENT_WORDS = /^(?:article\w*|content\w*|entry|post|posts|story|body|text|detail|details|noidung|noi-dung|chitiet|chi-tiet|hentry|main)$/;
const POSITIVE_WORDS = /^(?:article|articles|articlebody|body|content|entry|hentry|main|page|post|text|blog|story|detail|details|noidung|chitiet)$/;

/** What one class or id name says: bit 1 comments, 2 furniture, 4 content box, 8 positive. */
const COMMENT_BIT = 1;
const FURNITURE_BIT = 2;
const CONTENT_BIT = 4;
const POSITIVE_BIT = 8;
const nameCache = new Map<string, number>();

function nameBits(raw: string): number {
  // `menu-item-12345`, `post-678`: numbers only make names unique, never change what they say.
  const name = raw.replace(/\d+/g, '0');
  let bits = nameCache.get(name);
  if (bits !== undefined) return bits;
  bits = 0;
  // `tag-*` and `category-*` classes (WordPress post classes) are data, not hints.
  if (!/^(?:tag|category|cat|topic|section|post|page|term|label)-/i.test(name)) {
    const spaced = name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace(/_+/g, '-');
    if (FURNITURE_PAIRS.test(spaced)) bits |= FURNITURE_BIT;
    for (const word of spaced.split(/-+/)) {
      if (!word) continue;
      if (COMMENTS.test(word)) bits |= COMMENT_BIT;
      if (FURNITURE.test(word)) bits |= FURNITURE_BIT;
      if (CONTENT_WORDS.test(word)) bits |= CONTENT_BIT;
      if (POSITIVE_WORDS.test(word)) bits |= POSITIVE_BIT;
    }
  }
  // Names are few per site but ids can be unique per element: the cache is bounded.
  if (nameCache.size > 100_000) nameCache.clear();
  nameCache.set(name, bits);
  return bits;
}

/** The union of what the element's class and id names say. */
function classBits(el: Element): number {
  let bits = 0;
  const cls = el.attribs['class'];
  if (cls) {
    let count = 0;
    for (const name of cls.split(/\s+/)) {
      if (!name) continue;
      if (++count > 12) return 0;
      bits |= nameBits(name);
    }
  }
  const id = el.attribs['id'];
  if (id) bits |= nameBits(id);
  return bits;
}

/** The element is furniture by its own tag, role or class words (not by an ancestor's). */
export function chromeKind(el: Element, insideArticle: boolean): Chrome | null {
  const name = el.name;
  if (CHROME_TAGS.has(name)) {
    // The page header is furniture; an article's own header holds its title and byline (left out of the body
    // too) but on some templates also the lead: it is kept.
    if (name !== 'header') return 'firm';
    if (!insideArticle) return 'soft';
  }
  const role = el.attribs['role'];
  if (role && CHROME_ROLES.has(role.toLowerCase())) return 'firm';
  const bits = classBits(el);
  if (bits & COMMENT_BIT) return 'firm';
  // `post-content sidebar-right`, `article-meta`... name the article's box as well: left to the prose check.
  return bits & FURNITURE_BIT ? 'soft' : null;
}

/** The element declares itself the article or the page's main content. */
export function isArticleMarked(el: Element): boolean {
  if (el.name === 'article' || el.name === 'main') return true;
  const role = el.attribs['role'];
  if (role && ARTICLE_ROLES.has(role.toLowerCase())) return true;
  const prop = el.attribs['itemprop'];
  return prop === 'articleBody' || prop === 'text';
}

/** Readability-style class weight: +25 for content words, -25 for furniture words. */
export function classWeight(el: Element): number {
  const bits = classBits(el);
  let weight = 0;
  if (bits & COMMENT_BIT || (bits & FURNITURE_BIT && !(bits & CONTENT_BIT))) weight -= 25;
  if (bits & POSITIVE_BIT) weight += 25;
  if (el.attribs['itemprop'] === 'articleBody') weight += 50;
  return weight;
}
