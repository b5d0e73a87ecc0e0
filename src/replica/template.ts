/** What a template is given to print a page, and what it must provide. */
import type { Paged } from './catalog.js';
import { esc } from './html.js';
import type { Article, Category, Site } from './site.js';

export interface ArticleContext {
  category: Category;
  /** The page of the category (newest first, 10 a page) shown in `Các tin khác`; may include the article itself. */
  related: Paged<Article>;
}

export interface Listing {
  /** null for the all-news listing. */
  category: Category | null;
  /** The heading: `Tin tức` or the category name. */
  title: string;
  paged: Paged<Article>;
  pageUrl: (page: number) => string;
}

export interface ListingContext {
  /** The site's newest articles, for the `Tin mới` box. */
  latest: Article[];
}

export interface Template {
  renderArticle(site: Site, article: Article, ctx: ArticleContext): string;
  renderListing(site: Site, listing: Listing, ctx: ListingContext): string;
}

export const RELATED_PAGE_SIZE = 10;
export const LATEST_COUNT = 5;
export const RELATED_LABEL = 'Các tin khác:';
export const POSTED_LABEL = 'Thời gian đăng:';
export const NEWS_TITLE = 'Tin tức';
export const EMPTY_LISTING = 'Không có tin bài nào.';

/** `<!DOCTYPE>` to `</html>` around `body` (markup) with `title` (plain text); the head is the same on every portal (Kooboo's layout), the body is the template's. */
export function htmlDocument(title: string, body: string): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="Kooboo CMS" />
<title>${esc(title)}</title>
</head>
<body>
${body}
</body>
</html>
`;
}
