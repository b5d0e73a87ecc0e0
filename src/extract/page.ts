import { profileById, profiles } from '../profiles/index.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import { UsageError } from '../errors.js';
import { type ExtractOptions, extractArticle } from './article.js';
import { flatten, parseHtml } from './dom.js';
import { extractGeneric } from './generic/index.js';
import { splitAtLabel } from './labels.js';
import type { ExtractedArticle } from './record.js';

/** `auto` detects the family from the page, `generic` skips the profiles, anything else names a profile. */
export type ProfileChoice = 'auto' | 'generic' | (string & {});

export interface PageExtractOptions extends Omit<ExtractOptions, 'profile'> {
  profile?: ProfileChoice;
}

export interface Detection {
  profile: PortalProfile | null;
  /** Why the profile claims the page (or why none does), in words for `probe`. */
  why: string[];
}

/**
 * Which portal family an article page belongs to, from the page itself: the family's article URL grammar and its
 * publication label. No host names, no class names.
 */
export function detectProfile(html: string, url: string): Detection {
  let items: ReturnType<typeof flatten>['items'] | null = null;
  for (const profile of profiles) {
    if (!canonicalArticleUrl(url, undefined, profile)) continue;
    items ??= flatten(parseHtml(html)).items;
    const line = items.find((i) => i.kind === 'text' && splitAtLabel(i.text, profile.labels.published) !== null);
    if (line?.kind === 'text') {
      return {
        profile,
        why: [`the URL follows the ${profile.name} article grammar`, `the page prints the label "${line.text.slice(0, 60)}"`],
      };
    }
  }
  return { profile: null, why: ['no portal profile matches both the URL grammar and a publication label'] };
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
