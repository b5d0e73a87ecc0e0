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
  /^(?:nav|navs|navbar|navigation|navi|menu\w*|sidebar\w*|side|widget\w*|footer\w*|foot|masthead|banners?|promo\w*|ads?|advert\w*|advertisement|sponsor\w*|tags?|tagcloud|tags?list|keywords?|tools|toolbar|toolbox|print|skip\w*|meta|byline|bylines|author|authors|rating|login|signin|search\w*|sns|share\w*|sharing|social\w*|modal|popup|overlay|topbar|breadcrumbs?|breadcrumb\w*|crumbs?|newsletter\w*|subscribe\w*|subscription|signup|cookies?|consent|gdpr|pagination|paginator|pager|related\w*|relatedposts|recommend\w*|popular|trending|outbrain|taboola|shoutbox|skyscraper|lienquan|lien-quan|tinkhac|tin-khac|chiase|chia-se|xemnhieu|tinmoi|quangcao|quang-cao)$/;
/** Pairs of words that name furniture together (`read-more`, `more-news`, `tin-lien-quan`). */
const FURNITURE_PAIRS = /(?:^|-)(?:read-more|more-(?:news|stories|articles|posts)|most-(?:read|popular|viewed)|lien-quan|tin-khac|cung-chuyen-muc|chia-se|quang-cao|xem-nhieu|tin-moi|hot-news|top-menu|main-menu|site-header|page-header|site-footer|page-footer|social-links|share-links)(?:-|$)/;
/** Class words of the article's own box. */
const CONTENT_WORDS = /^(?:article\w*|content\w*|entry|post|posts|story|body|text|detail|details|noidung|noi-dung|chitiet|chi-tiet|hentry|main)$/;
const POSITIVE_WORDS = /^(?:article|articles|articlebody|body|content|entry|hentry|main|page|post|text|blog|story|detail|details|noidung|chitiet)$/;

/** Class and id words, lower case; `tag-*` and `category-*` classes (WordPress post classes) are data, not hints. */
function classWords(el: Element): string[] {
  const raw = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`;
  if (raw.length <= 1) return [];
  const out: string[] = [];
  for (const name of raw.split(/\s+/)) {
    if (!name || /^(?:tag|category|cat|topic|section|post|page|term|label)-/i.test(name)) continue;
    const spaced = name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace(/_+/g, '-');
    out.push(spaced);
  }
  return out;
}

function words(names: string[]): string[] {
  return names.flatMap((n) => n.split(/-+/)).filter(Boolean);
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
  const names = classWords(el);
  if (names.length === 0 || names.length > 12) return null;
  const list = words(names);
  if (list.some((w) => COMMENTS.test(w))) return 'firm';
  const furniture = list.some((w) => FURNITURE.test(w)) || names.some((n) => FURNITURE_PAIRS.test(n));
  if (!furniture) return null;
  // `post-content sidebar-right`, `article-meta`... name the article's box as well: left to the prose check.
  return 'soft';
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
  const names = classWords(el);
  let weight = 0;
  if (names.length > 0) {
    const list = words(names);
    const content = list.some((w) => CONTENT_WORDS.test(w));
    if (list.some((w) => COMMENTS.test(w)) || (!content && (list.some((w) => FURNITURE.test(w)) || names.some((n) => FURNITURE_PAIRS.test(n))))) {
      weight -= 25;
    }
    if (list.some((w) => POSITIVE_WORDS.test(w))) weight += 25;
  }
  if (el.attribs['itemprop'] === 'articleBody') weight += 50;
  return weight;
}
