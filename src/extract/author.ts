import type { PortalProfile } from '../profiles/profile.js';
import { afterLabel } from './labels.js';

/** Only the author labels are read, so the generic extractor can pass its own labels without a whole profile. */
export type AuthorLabels = { labels: Pick<PortalProfile['labels'], 'author'> };

export interface Byline {
  author: string | null;
  organization: string | null;
}

/**
 * `Thu Trang - Trung tâm VH - TT - TH huyện` is person, then organisation: the first ` - ` separates them and the
 * organisation keeps its own dashes. `Tác giả: Hương Giang` names a person only.
 */
export function splitByline(line: string, profile: AuthorLabels): Byline {
  const labelled = afterLabel(line, profile.labels.author);
  const text = (labelled ?? line).trim();
  const match = /^(.+?)\s+[-–—]\s+(.+)$/u.exec(text);
  if (match) return { author: match[1]!.trim() || null, organization: match[2]!.trim() || null };
  return { author: text || null, organization: null };
}

const SENTENCE_END = /[.!?…;:"”')\]]$/u;

/**
 * Whether a short block closing the article is its byline rather than prose. Editors set bylines apart
 * (right-aligned, bold or italic, or as a `Tác giả:` line) and never end them like a sentence.
 */
export function looksLikeByline(
  text: string,
  cues: { right: boolean; bold: boolean; italic: boolean; ownBlock: boolean },
  profile: AuthorLabels,
): boolean {
  if (afterLabel(text, profile.labels.author) !== null) return text.length <= 200;
  if (text.length > 100 || SENTENCE_END.test(text) || text.includes('\n')) return false;
  const words = text.split(/\s+/).length;
  if (words > 14) return false;
  if (cues.right || cues.bold) return true;
  // A `Person - Organisation` line, or a name of a few words in a block of its own.
  return /\s[-–—]\s/.test(text) || (cues.ownBlock && words <= 6 && /^\p{Lu}/u.test(text));
}
