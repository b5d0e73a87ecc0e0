/** What the archive sends back: status, headers in order (names may repeat), body. */
export interface ArchiveReply {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export const HTML_UTF8 = 'text/html; charset=utf-8';

export function textReply(status: number, contentType: string, body: string, headers: [string, string][] = []): ArchiveReply {
  return { status, headers: [['Content-Type', contentType], ...headers], body: Buffer.from(body, 'utf8') };
}

/** The Internet Archive's blocked-site error, as its CDX server returns it (header and body alike). */
export const BLOCKED_ERROR =
  'org.archive.util.io.RuntimeIOException: org.archive.wayback.exception.AdministrativeAccessControlException: Blocked Site Error';

export function blockedReply(kind: 'cdx' | 'replay'): ArchiveReply {
  const header: [string, string] = ['X-Archive-Wayback-Runtime-Error', BLOCKED_ERROR];
  if (kind === 'cdx') return textReply(403, 'text/plain', BLOCKED_ERROR + '\n', [header]);
  return textReply(
    403,
    HTML_UTF8,
    '<!DOCTYPE html><html><head><title>Wayback Machine</title></head><body><p>Sorry.</p><p>This URL has been excluded from the Wayback Machine.</p></body></html>\n',
    [header],
  );
}

/** Wayback's own "not archived" page: a 404 without Memento-Datetime. */
export function notArchivedReply(url: string): ArchiveReply {
  const safe = url.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return textReply(
    404,
    HTML_UTF8,
    `<!DOCTYPE html><html><head><title>Wayback Machine</title></head><body><h2>Hrm.</h2><p>The Wayback Machine has not archived that URL.</p><p>${safe}</p></body></html>\n`,
  );
}
