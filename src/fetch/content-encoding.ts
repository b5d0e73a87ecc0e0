import { promisify } from 'node:util';
import { brotliDecompress, unzip } from 'node:zlib';
import { FetchError } from './errors.js';

const unzipAsync = promisify(unzip);
const brotliAsync = promisify(brotliDecompress);

/**
 * Undoes a response's Content-Encoding (gzip, deflate, br; several are undone last first), with the body limit
 * applied to the decoded bytes: a small gzip that expands past it (a "gzip bomb") is refused as soon as its output
 * passes the limit, on the thread pool. The crawler asks for no encoding, but servers send one anyway (IIS with
 * forced compression, archives replaying a compressed capture); undici's `request` hands the bytes over as sent.
 * Returns null when the response has no encoding to undo.
 */
export async function decodeContent(
  body: Buffer,
  header: string | undefined,
  url: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // A 304 or a HEAD-like empty answer has nothing to decode.
  if (codings.length === 0 || body.length === 0) return null;
  let out = body;
  for (const coding of codings.reverse()) {
    try {
      if (coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate') out = await unzipAsync(out, { maxOutputLength: maxBytes });
      else if (coding === 'br') out = await brotliAsync(out, { maxOutputLength: maxBytes });
      else throw new FetchError(`GET ${url}: unsupported Content-Encoding ${coding}`, { url, policy: 'skip' });
    } catch (err) {
      if (err instanceof FetchError) throw err;
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FetchError(`GET ${url}: body larger than ${maxBytes} bytes once decoded (Content-Encoding ${coding})`, {
          url,
          policy: 'skip',
          cause: err,
        });
      }
      throw new FetchError(`GET ${url}: body does not decode as Content-Encoding ${coding} (${(err as Error).message})`, {
        url,
        policy: 'skip',
        cause: err,
      });
    }
  }
  return out;
}
