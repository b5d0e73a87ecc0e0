import type { PortalProfile } from '../profiles/profile.js';
import { afterColonLabel, afterLabel } from './labels.js';

/**
 * What reading a byline needs of a profile: its author labels, the words that start an organisation's name and
 * whether the family prints bare bylines. The generic extractor passes its own without a whole profile.
 */
export type AuthorLabels = {
  labels: Pick<PortalProfile['labels'], 'author'> & Partial<Pick<PortalProfile['labels'], 'organisations'>>;
  content?: Pick<PortalProfile['content'], 'bareByline'>;
};

export interface Byline {
  author: string | null;
  organization: string | null;
}

/** The line names an organisation (`Trung tâm VHTTTT&DL huyện Thường Xuân`, `UBND xã Sơn Lĩnh`), not a person. */
export function isOrganisation(text: string, profile: AuthorLabels): boolean {
  const t = text.trim();
  return (profile.labels.organisations ?? []).some((word) => t.toLowerCase().startsWith(word.toLowerCase()));
}

/**
 * `Thu Trang - Trung tâm VH - TT - TH huyện` is person, then organisation: the first ` - ` separates them and the
 * organisation keeps its own dashes. `Tác giả: Hương Giang` names a person only; a line that starts like an
 * organisation's name (families that list such words) names an organisation only.
 */
export function splitByline(line: string, profile: AuthorLabels): Byline {
  const labelled = afterLabel(line, profile.labels.author);
  const raw = (labelled ?? line).trim();
  // Families with bare bylines also wrap them in brackets: `(Vũ Hoa)`.
  const text = profile.content?.bareByline ? raw.replace(/^\((.*)\)$/u, '$1').trim() : raw;
  if (labelled === null && isOrganisation(text, profile)) return { author: null, organization: text || null };
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

/** Every word capitalised, as Vietnamese names are written: `Thúy Hoa`, `ThS. Lê Thị Huyền`, `Đặng Trang`. */
const PERSON = /^(?:\p{Lu}[\p{L}\p{M}]*\.?)(?:\s+\p{Lu}[\p{L}\p{M}]*\.?){0,5}$/u;

/**
 * Families whose editors close an article with a bare line: a person (`Thúy Hoa`), an organisation (`Trung tâm
 * VHTTTT&DL huyện Thường Xuân`) or both (`Vũ Hoa - Đài Truyền thanh huyện`), with no label and no styling needed.
 * After a sign-off (`./.`) any short line is the byline.
 */
export function looksLikeBareByline(text: string, profile: PortalProfile, afterSignOff: boolean): boolean {
  if (afterColonLabel(text, profile.labels.author) !== null) return text.length <= 200;
  if (text.length > 120 || text.includes('\n') || /[.!?…;:]$/u.test(text)) return false;
  if (afterSignOff) return text.split(/\s+/).length <= 20;
  const person = text.split(/\s+[-–—]\s+/)[0]!;
  if (/\s[-–—]\s/.test(text)) return PERSON.test(person) || isOrganisation(person, profile);
  return isOrganisation(text, profile) || PERSON.test(text);
}
