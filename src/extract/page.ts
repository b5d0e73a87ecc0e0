import { profileById, profiles } from '../profiles/index.js';
import { UsageError } from '../errors.js';
import { type ExtractOptions, extractArticle } from './article.js';
import { detectProfile } from './detect.js';
import { extractGeneric } from './generic/index.js';
import type { ExtractedArticle } from './record.js';

export { detectFamily, detectProfile, type Detection } from './detect.js';

/** `auto` detects the family from the page, `generic` skips the profiles, anything else names a profile. */
export type ProfileChoice = 'auto' | 'generic' | (string & {});

export interface PageExtractOptions extends Omit<ExtractOptions, 'profile'> {
  profile?: ProfileChoice;
}

/**
 * The one entry point for reading an article page, whoever asks (crawl, recover, reextract, extract): a named
 * profile, the generic extractor, or (`auto`) the profile that claims the page with the generic one as fallback.
 */
export function extractPage(html: string, url: string, options: PageExtractOptions = {}): ExtractedArticle {
  const { profile: choice = 'auto', ...rest } = options;
  if (choice === 'generic') return extractGeneric(html, url, rest);
  if (choice === 'auto') {
    const { profile } = detectProfile(html, url);
    return profile ? extractArticle(html, url, { ...rest, profile }) : extractGeneric(html, url, rest);
  }
  const profile = profileById(choice);
  if (!profile) throw new UsageError(`unknown profile "${choice}"; known: auto, generic, ${profiles.map((p) => p.id).join(', ')}`);
  return extractArticle(html, url, { ...rest, profile });
}
