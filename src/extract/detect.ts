import { profiles as allProfiles } from '../profiles/index.js';
import type { Evidence, PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import { flatten, loadHtml } from './dom.js';

export interface Detection {
  profile: PortalProfile | null;
  /** Why the profile claims the page (or why none does), in words for `probe`. */
  why: string[];
}

/** Evidence weighing less than this claims nothing: one weak hint (a URL shape alone) is not a family. */
export const THRESHOLD = 5;

interface PageFacts {
  url: string;
  html: string;
  generator: string;
  texts: string[];
  links: string[];
}

function facts(html: string, url: string): PageFacts {
  const { $, document } = loadHtml(html);
  const generator = $('meta[name="generator" i]')
    .toArray()
    .map((el) => el.attribs['content'] ?? '')
    .join(' ');
  const links: string[] = [];
  for (const el of $('a[href]').toArray()) {
    try {
      links.push(new URL(el.attribs['href'] ?? '', url).href);
    } catch {
      // an href no URL parser reads is no evidence
    }
  }
  const texts = flatten(document).items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
  return { url, html, generator, texts, links };
}

function hit(e: Evidence, f: PageFacts): boolean {
  switch (e.in) {
    case 'generator':
      return e.re.test(f.generator);
    case 'html':
      return e.re.test(f.html);
    case 'url':
      return e.re.test(f.url);
    case 'text':
      return f.texts.some((t) => t.length <= 300 && e.re.test(t));
    case 'links': {
      let n = 0;
      const min = e.min ?? 3;
      for (const link of f.links) if (e.re.test(link) && ++n >= min) return true;
      return false;
    }
  }
}

export interface Score {
  profile: PortalProfile;
  score: number;
  why: string[];
}

/** Every family's evidence on the page, strongest first (on a tie, the earlier profile first). */
export function scoreProfiles(html: string, url: string, candidates: readonly PortalProfile[] = allProfiles): Score[] {
  const f = facts(html, url);
  return candidates
    .map((profile, order) => {
      const found = profile.recognise.filter((e) => hit(e, f));
      return { profile, order, score: found.reduce((n, e) => n + e.weight, 0), why: found.map((e) => e.why) };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ profile, score, why }) => ({ profile, score, why }));
}

/**
 * The family of any page of a portal (listing, home or article), from what the page shows: its generator meta,
 * platform paths, labels, its own URL and its links' URL grammar. No host names; class names only as weak hints.
 */
export function detectFamily(html: string, url: string, candidates: readonly PortalProfile[] = allProfiles): Detection {
  const [best] = scoreProfiles(html, url, candidates);
  if (best && best.score >= THRESHOLD) return { profile: best.profile, why: best.why };
  return { profile: null, why: [best?.why.length ? `too little evidence for any family (best: ${best.profile.id}, ${best.why.join('; ')})` : 'no portal family recognised'] };
}

/**
 * Which portal family an article page belongs to: among the families whose article URL grammar the URL follows,
 * the one the page gives most evidence for. A page under a URL no family's grammar reads is claimed by none.
 */
export function detectProfile(html: string, url: string): Detection {
  const candidates = allProfiles.filter((p) => canonicalArticleUrl(url, undefined, p) !== null);
  if (candidates.length === 0) return { profile: null, why: ['the URL follows no known family\'s article grammar'] };
  return detectFamily(html, url, candidates);
}
