import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { seedUrl } from './options.js';

/** A portals file: one listing URL a line; `#` starts a comment; blank lines are ignored. */
export function readPortalsFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read portals file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const urls: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    try {
      urls.push(seedUrl(line));
    } catch (err) {
      throw new UsageError(`${path} line ${i + 1}: ${(err as Error).message}`);
    }
  });
  if (urls.length === 0) throw new UsageError(`portals file ${path} lists no URL`);
  return urls;
}
