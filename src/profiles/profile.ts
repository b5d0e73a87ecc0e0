import type { DateGrammar } from './date-grammars.js';

/**
 * A portal family as data: how to recognise it, the labels its templates print, its URL grammar, its pager, its
 * date grammars and its traps. Code in src/extract and src/crawl reads these; a new family is a new object (one
 * file beside this one), not new code. Class names never appear here: they differ between sites and theme
 * versions of one family. The one code hook, `url.canonical`, is an escape hatch no profile needs today.
 */
export interface PortalProfile {
  id: string;
  name: string;
  /** Evidence that a page belongs to the family, weighed by `detectProfile`; each hit is one line of `probe`'s "why". */
  recognise: Evidence[];
  labels: {
    /** Precedes the publication time, e.g. `Thời gian đăng:`, `Đăng ngày`. Compared without case, diacritics kept. */
    published: string[];
    /** Heads a related-news block whose links are the record's `related`, e.g. `Các tin khác:`. */
    related: string[];
    /** Blocks that end the article without being related news: tags, attachments, previous/next navigation. */
    end: string[];
    /** Precedes an author's name, e.g. `Tác giả:`. */
    author: string[];
    /** Precedes the source organisation of a reprinted article, e.g. `Nguồn:`. */
    source: string[];
    /** First item of a breadcrumb trail, e.g. `Trang chủ`. */
    home: string[];
    /** First words of an organisation's name (`Trung tâm`, `UBND`): a bare closing line starting so is no person. */
    organisations: string[];
  };
  date: {
    /** Grammars tried on a date line; see dates.ts. */
    grammars: DateGrammar[];
    /**
     * A line holding nothing but a date (`16:23 03/12/2024`, `24/09/2021`, `Thứ hai - 21/08/2023 08:30`) next to the
     * title is the publication time. Off for families that always print a label.
     */
    bare: boolean;
    /** `<meta property|name|itemprop>` names holding an ISO publication time, and `time[datetime]` when listed. */
    meta: string[];
    timeZone: string;
  };
  /**
   * `label`: the page is found from its publication label and the title is the heading before it (Kooboo).
   * `title`: the title is found first (the heading that repeats the page's `<title>`), then the date line beside it,
   * labelled or bare; pages of the family may print no date at all.
   */
  header: 'label' | 'title';
  url: {
    /** Article URL grammars, tried in order. */
    article: ArticleRule[];
    /** Paths that look like articles but are views of one (print, save) or not articles at all: never followed. */
    notArticle: RegExp[];
    /** The server ignores the case of paths (IIS): canonical paths are lower-cased. */
    caseInsensitivePath: boolean;
    /** The server ignores the case of query parameter names (ASP.NET). */
    caseInsensitiveParams: boolean;
    /** Code for a grammar no rule can say; returns the canonical URL or null. Unused by the built-in profiles. */
    canonical?: (url: URL) => string | null;
  };
  /** Where the article's category is named when the page has no breadcrumb trail. */
  category: {
    /**
     * The category listing's path inside an article path (`/<cat>/<alias>-<id>.html`), as named group `cat`: the
     * page's link to that path names the category.
     */
    path: RegExp | null;
    /** A `rel` value marking links to the article's category (WordPress prints `rel="category tag"`). */
    rel: string | null;
  };
  listing: {
    /** Query parameters a listing URL keeps besides the page (all others dropped); null keeps all but `drop`. */
    keep: RegExp | null;
    /** Query parameters never kept: sessions, tracking, redirects. */
    drop: RegExp;
    /** Kept parameters that say which listing it is (a category), rather than how it is shown. */
    key: RegExp | null;
    /** Listing base paths end with `/` (WordPress, NukeViet), or never do (null: as printed). */
    trailingSlash: boolean | null;
    /**
     * Article links count only inside the listing's items (each with a date, a picture or a summary), not in menus:
     * for families whose article URLs look like any other page (WordPress's `/<slug>/`).
     */
    itemsOnly: boolean;
  };
  pager: {
    /** How the family's listings address page N, most common first. */
    grammars: PagerGrammar[];
    /** `<start>-<end> of <total>` as a CMS prints it, or null. */
    range: RegExp | null;
    /** Link texts of pager navigation rather than content (page numbers are detected separately). */
    navTexts: string[];
  };
  content: {
    /**
     * A short plain paragraph right after an image is its caption even without italics or centring (the family's
     * editors write captions as bare paragraphs). Longest caption read so.
     */
    bareCaptionMax: number;
    /** A short last paragraph of a person's name (`Thúy Hoa`) or an organisation is the byline, without styling. */
    bareByline: boolean;
    /** The official end-of-text mark (`./.`), removed from the body's last paragraph; a byline may follow it. */
    signOff: RegExp | null;
    /**
     * Blocks that repeat the title or the caption just read are dropped (titles and captions printed twice), and a
     * line repeating an image's alt text is its caption rather than a copy of the file name.
     */
    dedupe: boolean;
  };
  /** Short text blocks that are never article content (counters, share and print tools); tested on whole blocks. */
  boilerplate: RegExp[];
  /** Text of a block that only names an image file, as some templates print it beside the image. */
  imageFileName: RegExp;
}

export interface Evidence {
  /**
   * `generator`: the `<meta name="generator">` content; `html`: the markup (platform paths such as `/wp-content/`);
   * `text`: a text block of the page; `url`: the page's own URL; `links`: the URLs of the page's links (counted).
   */
  in: 'generator' | 'html' | 'text' | 'url' | 'links';
  re: RegExp;
  weight: number;
  /** The reason as `probe` prints it. */
  why: string;
  /** For `links`: how many links must match. Default 3. */
  min?: number;
}

export interface ArticleRule {
  /** The grammar in words, for probe and the README: `/<cat>/<alias>-<id>.html`. */
  grammar: string;
  /** Matched on the URL's path (raw, percent-escapes as sent). Named groups `prefix` and `slug` feed `canonical`. */
  path: RegExp;
  /** The rule applies only when one of these query parameters is present. */
  requires?: string[];
  /** Slugs (lower case) that are listing words, not articles. */
  reserved?: string[];
  /**
   * The canonical URL's path and query: `{prefix}` as printed, `{slug}` decoded then encoded, `{param:Name}` a
   * query parameter's value encoded. Without it: the path with each segment re-encoded (lower-cased when the
   * family's server ignores case), plus the `keep` parameters.
   */
  canonical?: string;
  /** Query parameters that identify the article (`nid`): kept, spelled as here; every other one is dropped. */
  keep?: string[];
  /** A part of the path some links print and others leave out (Liferay's `/<groupId>` after the urlTitle): removed. */
  trim?: RegExp;
  /** Canonical paths end with `/` (WordPress permalinks), whether the link printed it or not. */
  trailingSlash?: boolean;
}

export interface PagerGrammar {
  /** The query parameter holding the page: a name (compared without case) or a pattern for namespaced names. */
  param?: string | RegExp;
  /** A path suffix holding the page in group 1 (`/page-(\d+)/?$`), and how to append page N to the base path. */
  path?: RegExp;
  pathFormat?: string;
  /** The value that means page 1 (0 for 0-based pagers). Default 1. */
  first?: number;
  /** The first page is addressed with its number too (`?PageIndex=1`). */
  explicitFirst?: boolean;
}
