/**
 * A portal family as data: the labels its templates print, its URL grammar, its pager and its date format.
 * Code in src/extract and src/crawl reads these; a new family is a new object, not new code.
 */
export interface PortalProfile {
  id: string;
  name: string;
  labels: {
    /** Precedes the publication time, e.g. `Thời gian đăng:`. Compared without case, diacritics kept. */
    published: string[];
    /** Heads the related-news block, e.g. `Các tin khác:`. */
    related: string[];
    /** Precedes an author's name, e.g. `Tác giả:`. */
    author: string[];
    /** Precedes the source organisation of a reprinted article, e.g. `Nguồn:`. */
    source: string[];
    /** First item of a breadcrumb trail, e.g. `Trang chủ`. */
    home: string[];
  };
  date: {
    /** Finds the date text after a published label. */
    pattern: RegExp;
    /** date-fns formats tried in order on `<date> <time> [AM|PM]` as `pattern` captures it. */
    formats: string[];
    timeZone: string;
  };
  url: {
    /** Article path: captures the PageKey and the (possibly empty) slug; `view` in any case. */
    articlePath: RegExp;
    /**
     * The short article form some sites print (`/T/<slug>?PageIndex=76`): taken for an article only with the page
     * parameter, which menus never carry, and when its second segment is not one of `reservedSegments`.
     */
    shortArticlePath: RegExp;
    reservedSegments: string[];
    /** Query parameter naming the article when the slug is not in the path. */
    articleKeyParam: string;
    /** How the view segment is written in canonical URLs. */
    viewSegment: string;
    /** The 1-based page parameter of listings and related blocks. */
    pageParam: string;
    /** Query parameter naming a category in `/CM/?userkey=` listings. */
    listingKeyParam: string;
  };
  pager: {
    /** `<start>-<end> of <total>` as the CMS prints it. */
    range: RegExp;
    /** Link texts of pager navigation rather than content (`<`, `>`, `...`, page numbers are detected separately). */
    navTexts: string[];
  };
  /** Short text blocks that are never article content (counters, share and print tools); tested on whole blocks. */
  boilerplate: RegExp[];
  /** Text of a block that only names an image file, as some templates print it beside the image. */
  imageFileName: RegExp;
}
