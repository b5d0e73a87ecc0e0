import { UsageError } from '../../errors.js';

/**
 * The URLs of a web archive, from the base the user gives `--archive`:
 * - a Wayback-compatible service at a bare origin (`https://web.archive.org`): CDX at `<base>/cdx/search/cdx`,
 *   raw captures at `<base>/web/<timestamp>id_/<url>`;
 * - a pywb collection (`https://example.org/<coll>`, any base with a path): CDX at `<base>/cdx` (NDJSON with
 *   `output=json`), raw captures at `<base>/<timestamp>id_/<url>`.
 */
export type ArchiveFlavour = 'wayback' | 'pywb';

export interface ArchiveEndpoints {
  /** The base as normalised: no trailing slash. Names the archive in the recovery state. */
  base: string;
  flavour: ArchiveFlavour;
  cdxUrl: string;
  /** The raw (`id_`) memento of `original` at `timestamp`. */
  memento(timestamp: string, original: string): string;
  /** Reads a memento URL of this archive back into its timestamp and original URL; null when it is not one. */
  parseMemento(url: string): { timestamp: string; flag: string; original: string } | null;
}

export function archiveEndpoints(base: string): ArchiveEndpoints {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`invalid --archive "${base}": give the base URL of a web archive, such as https://web.archive.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid --archive "${base}": only http and https web archives are supported`);
  }
  if (url.search || url.hash) throw new UsageError(`invalid --archive "${base}": give the base URL without a query`);
  const path = url.pathname.replace(/\/+$/, '');
  const root = `${url.origin}${path}`;
  const flavour: ArchiveFlavour = path === '' ? 'wayback' : 'pywb';
  const prefix = flavour === 'wayback' ? `${root}/web` : root;
  return {
    base: root,
    flavour,
    cdxUrl: flavour === 'wayback' ? `${root}/cdx/search/cdx` : `${root}/cdx`,
    memento: (timestamp, original) => `${prefix}/${timestamp}id_/${original}`,
    parseMemento: (memento) => {
      if (!memento.startsWith(`${prefix}/`)) return null;
      const m = /^(\d{1,14})([a-z]{2}_)?\/(.+)$/s.exec(memento.slice(prefix.length + 1));
      if (!m) return null;
      // Archives print `http:/host` as well as `http://host` in their own URLs.
      const original = m[3]!.replace(/^(https?:)\/*/i, '$1//');
      return { timestamp: m[1]!, flag: m[2] ?? '', original };
    },
  };
}
