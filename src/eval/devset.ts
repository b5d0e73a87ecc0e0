import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../fetch/decode.js';
import type { Expectation } from './score.js';

/**
 * A directory in the shape of the trafilatura evaluation set: `evaldata.json` maps each page URL to its file
 * (`html/<id>.html.gz`, or plain `.html`), the `with` / `without` snippets, and optionally the expected title,
 * author and date (`YYYY-MM-DD`).
 */
export interface DevPage extends Expectation {
  url: string;
  file: string;
  title?: string;
  author?: string;
  date?: string;
}

export class DevSetError extends Error {
  override readonly name = 'DevSetError';
}

export function loadDevSet(dir: string): DevPage[] {
  let raw: string;
  try {
    raw = readFileSync(join(dir, 'evaldata.json'), 'utf8');
  } catch (cause) {
    throw new DevSetError(`${dir}: no evaldata.json (${(cause as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  let data: Record<string, Partial<DevPage>>;
  try {
    data = JSON.parse(raw) as Record<string, Partial<DevPage>>;
  } catch {
    throw new DevSetError(`${dir}/evaldata.json is not JSON`);
  }
  return Object.entries(data).map(([url, entry]) => {
    if (typeof entry.file !== 'string' || !Array.isArray(entry.with) || !Array.isArray(entry.without)) {
      throw new DevSetError(`${dir}/evaldata.json: entry ${url} lacks file, with or without`);
    }
    const page: DevPage = { url, file: entry.file, with: entry.with, without: entry.without };
    if (typeof entry.title === 'string') page.title = entry.title;
    if (typeof entry.author === 'string') page.author = entry.author;
    if (typeof entry.date === 'string') page.date = entry.date;
    return page;
  });
}

/** The page's HTML, decoded as a browser would (BOM, `<meta charset>`, else UTF-8). */
export function readPage(dir: string, page: DevPage): string {
  let bytes = readFileSync(join(dir, page.file));
  if (page.file.endsWith('.gz')) bytes = gunzipSync(bytes);
  return decodeHtml(bytes, undefined);
}
