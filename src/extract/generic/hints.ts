import type { Element } from 'domhandler';
import { parentElement } from './dom.js';

/**
 * Structural hints that a subtree is page furniture rather than the article, by tag, ARIA role and the generic
 * words that templates of every CMS use in class and id attributes (`comment`, `sidebar`, `share`...), as
 * Readability and trafilatura do. No hint names one site.
 */

export const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'search', 'header']);
const CHROME_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'toolbar', 'dialog',
  'alertdialog', 'tablist', 'tooltip',
]);
const ARTICLE_ROLES = new Set(['main', 'article']);

/** Words that mark furniture wherever they stand in a class or id, whatever else the attribute says. */
const STRONG =
  /comment|disqus|breadcrumb|newsletter|cookie|consent|gdpr|sharing|share-?(?:bar|box|buttons?|links?|tools?|this)|social|related|relevant|recommend|advert|sponsor|pagination|paginator|subscri(?:be|ption)|signup|popular|trending|most-?read|read-?more|more-?(?:news|stories|articles)|outbrain|taboola|bizrate|shoutbox|skyscraper|lien-?quan|tin-?khac|cung-?chuyen-?muc|binh-?luan|chia-?se/;
/** Words that mark furniture as whole words, unless the attribute also names the article's content. */
const WEAK = /(?:^|[^a-z])(?:nav|navbar|navigation|menu|menus|sidebar|side|widget|widgets|footer|foot|header-?bar|masthead|banner|promo|ads?|tags?|tagcloud|tools|toolbar|print|skip|meta|byline|author|authors|rating|login|search|sns|share|modal|popup|overlay|topbar|top-?menu|utility|hot-?news|tin-?moi|xem-?nhieu)(?:$|[^a-z])/;
const CONTENT = /article|content|entry|post|story|body|text|detail|noi-?dung|chi-?tiet/;
const POSITIVE = /(?:^|[^a-z])(?:article|articles|body|content|entry|hentry|main|page|post|text|blog|story|detail|details|noi-?dung|chi-?tiet|news-?detail)(?:$|[^a-z])/;

function classWords(el: Element): string {
  const raw = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`;
  if (raw.length <= 1) return '';
  // `articleBody`, `sideBar`: camelCase words are words too.
  return raw.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace(/_/g, '-');
}

/** The element is furniture by its own tag, role or class words (not by an ancestor's). */
export function isChrome(el: Element, insideArticle: boolean): boolean {
  const name = el.name;
  if (CHROME_TAGS.has(name) && name !== 'header') return true;
  // The page header is furniture; an article's own header holds its title and byline, which the body leaves out too,
  // but also, on some templates, the lead: keep it.
  if (name === 'header' && !insideArticle) return true;
  const role = el.attribs['role'];
  if (role && CHROME_ROLES.has(role.toLowerCase())) return true;
  const words = classWords(el);
  if (!words || words.length > 200) return false;
  if (STRONG.test(words)) return !/article-?body|articlebody|post-?body|entry-?content|post-?content|story-?body/.test(words);
  return WEAK.test(words) && !CONTENT.test(words);
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
  const words = classWords(el);
  let weight = 0;
  if (!words) return 0;
  if (STRONG.test(words) || (WEAK.test(words) && !CONTENT.test(words))) weight -= 25;
  if (POSITIVE.test(words)) weight += 25;
  if (el.attribs['itemprop'] === 'articleBody') weight += 50;
  return weight;
}

/** Whether an ancestor within `levels` is an `<article>` or `<main>`. */
export function hasArticleAncestor(el: Element): boolean {
  for (let cur = parentElement(el); cur; cur = parentElement(cur)) if (isArticleMarked(cur)) return true;
  return false;
}
