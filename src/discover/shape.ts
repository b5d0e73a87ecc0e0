/**
 * The shape of a URL: how many path segments, what kind each is, the file extension and the query's parameter
 * names. Article links of one list share a shape (`/tin-tuc/<slug>-<id>.html`, `/2023/03/29/<slug>/`,
 * `/TinTuc/View/<slug>`); menus, category links and footers mostly do not.
 */

/** Segment kinds: N number, D date (2024-5-17), I slug ending or starting with an id, S any other word or slug. */
export type SegmentKind = 'N' | 'D' | 'I' | 'S';

const EXTENSION = /\.(html?|aspx?|php|jsp|shtml|cfm)$/i;

export function segmentKind(segment: string): SegmentKind {
  const core = segment.replace(EXTENSION, '');
  if (/^\d+$/.test(core)) return 'N';
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(core)) return 'D';
  if (/[-_.]\d{2,}$/.test(core) || /^\d{2,}[-_.]/.test(core)) return 'I';
  return 'S';
}

export interface UrlShape {
  host: string;
  segments: string[];
  kinds: SegmentKind[];
  /** Extension of the last segment (`.html`), lower case, or ''. */
  extension: string;
  /** Query parameter names, lower case, sorted. */
  params: string[];
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function shapeOf(url: URL): UrlShape {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  const last = segments.at(-1) ?? '';
  return {
    host: url.host,
    segments,
    kinds: segments.map(segmentKind),
    extension: EXTENSION.exec(last)?.[0].toLowerCase() ?? '',
    params: [...new Set([...url.searchParams.keys()].map((k) => k.toLowerCase()))].sort(),
  };
}

/**
 * What links of one list share: depth, which segments are numbers or dates and which are words or slugs (a
 * category `kinhte` beside `an-ninh-quoc-phong` is the same kind), the extension and the query's names.
 */
export function shapeKey(shape: UrlShape): string {
  // A slug that ends in a year (`...-thang-8-2023`) is not told from one that ends in an id: both are slugs here.
  const kinds = shape.kinds.map((k) => (k === 'I' ? 'S' : k));
  return `${shape.host}/${kinds.join('/')}${shape.extension}?${shape.params.join('&')}`;
}
