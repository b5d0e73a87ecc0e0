/**
 * Pages that would stall a crawler, served on request for tests of stall protection: listed on page 1 of the
 * all-news listing like dead links, answered with
 * - `deep`: an article whose text sits inside 200,000 unclosed `<div>`s (legacy editors leave thousands);
 * - `gzip-bomb`: 66 KB of gzip that expands to 64 MB, sent with `Content-Encoding: gzip` unasked (64 gzip members of
 *   1 MB each: cheap to make, and a conforming decoder reads them all as one body);
 * - `redirect-loop`: a 302 to a variant of the URL, which redirects back to the first.
 */
import { gzipSync } from 'node:zlib';

export type TrapKind = 'deep' | 'gzip-bomb' | 'redirect-loop';

export const TRAP_KINDS: readonly TrapKind[] = ['deep', 'gzip-bomb', 'redirect-loop'];

export const DEEP_NESTING = 200_000;
export const BOMB_BYTES = 64 * 1024 * 1024;

export interface TrapReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

let deepPage: Buffer | null = null;
let bomb: Buffer | null = null;

function deep(): Buffer {
  deepPage ??= Buffer.from(
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bài viết lồng sâu</title></head><body>' +
      '<h1>Bài viết lồng sâu</h1><p>Thời gian đăng: 01/07/2025 08:00:00 AM</p>' +
      '<div>'.repeat(DEEP_NESTING) +
      '<p>Nội dung bài viết nằm trong hai trăm nghìn thẻ div không đóng, như các trang cũ vẫn còn.</p></body></html>',
    'utf8',
  );
  return deepPage;
}

function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 });
  bomb ??= Buffer.concat(Array.from({ length: BOMB_BYTES / (1024 * 1024) }, () => member));
  return bomb;
}

/** The answer to a request for a trap page; `url` is the request target (path and query). */
export function trapReply(kind: TrapKind, url: string): TrapReply {
  const html = 'text/html; charset=utf-8';
  switch (kind) {
    case 'deep':
      return { status: 200, headers: { 'Content-Type': html }, body: deep() };
    case 'gzip-bomb':
      return { status: 200, headers: { 'Content-Type': html, 'Content-Encoding': 'gzip' }, body: gzipBomb() };
    case 'redirect-loop': {
      const back = url.includes('vong=1') ? url.replace(/[?&]vong=1/, '') : `${url}${url.includes('?') ? '&' : '?'}vong=1`;
      return { status: 302, headers: { Location: back, 'Content-Type': html }, body: Buffer.from('<html><body>Moved</body></html>') };
    }
  }
}
