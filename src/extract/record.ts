/** One image of an article, in page order. */
export interface ImageRecord {
  /** Absolute URL of the image file. */
  url: string;
  /** The `alt` text (often the file name on these portals), normalised; null when absent. */
  alt: string | null;
  /** The caption line that stands under the image or its group; null when prose follows directly. */
  caption: string | null;
}

/** A link from the article's `Các tin khác` (related news) block. */
export interface RelatedLink {
  title: string;
  /** Canonical article URL. */
  url: string;
}

/** What the extractor recovers from one article page: pure function of (html, url, options). */
export interface ExtractedArticle {
  url: string;
  site: string;
  category: string | null;
  title: string;
  /** ISO 8601 with offset, e.g. `2023-08-11T14:46:47+07:00`; null when the page shows no date. */
  published_at: string | null;
  summary: string | null;
  body_text: string;
  images: ImageRecord[];
  author: string | null;
  organization: string | null;
  related: RelatedLink[];
  /** Which extractor read the page: a portal family's profile id (`kooboo`, ...) or `generic`. */
  extractor: string;
}

/** An image as archived: with `crawl --media` its file is stored too, identified by hash. */
export interface ArchivedImage extends ImageRecord {
  /** SHA-256 (hex) of the stored image file; null when the file was not downloaded. */
  sha256: string | null;
  /** Stored size of the image file in bytes; null when the file was not downloaded. */
  size: number | null;
}

/** The archived record: the extraction plus when it was fetched and a hash of its content. */
export interface ArticleRecord extends Omit<ExtractedArticle, 'images'> {
  images: ArchivedImage[];
  /** Where the page came from: the portal itself, or a web archive's capture of it. */
  source: 'live' | 'archive';
  /** For `archive`: the memento (the web archive's URL of the capture) the record was read from; else null. */
  archive_url: string | null;
  /**
   * ISO 8601 in UTC, e.g. `2026-11-26T23:01:02.123Z`: the latest time the page was seen with this content (its
   * latest fetch; for a web archive's capture, the latest Memento-Datetime with this content).
   */
  fetched_at: string;
  /**
   * ISO 8601 in UTC: when this version of the article was captured. For a live page the first fetch that saw this
   * content; for an archive capture its Memento-Datetime.
   */
  captured_at: string;
  /** SHA-256 (hex) of the normalised record without `fetched_at` and `content_sha256`. */
  content_sha256: string;
}

/** The fields that make an article's content, hashed into `content_sha256` in this order (record order). */
export const CONTENT_FIELDS = [
  'url',
  'site',
  'category',
  'title',
  'published_at',
  'summary',
  'body_text',
  'images',
  'author',
  'organization',
] as const;

export type ContentField = (typeof CONTENT_FIELDS)[number];
