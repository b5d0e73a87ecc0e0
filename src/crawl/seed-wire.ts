import type { PortalProfile } from '../profiles/profile.js';
import type { RecognisedSeed } from './seed.js';

/**
 * A recognised seed as it crosses from the extraction worker, where seeds are recognised: its profile by id, since
 * a profile holds functions. Kept apart from seed.ts so that the crawl's main thread, which only reads this form,
 * does not load the extractors.
 */
export type RecognisedSeedOnWire =
  | (Omit<Extract<RecognisedSeed, { kind: 'listing' }>, 'profile'> & { profile: string })
  | (Omit<Extract<RecognisedSeed, { kind: 'article' }>, 'profile'> & { profile: string });

export function seedToWire(seed: RecognisedSeed): RecognisedSeedOnWire {
  return { ...seed, profile: seed.profile.id };
}

/** Null for a profile id this thread does not know (it has the worker's profiles, so only for a mismatched build). */
export function seedFromWire(seed: RecognisedSeedOnWire, profiles: readonly PortalProfile[]): RecognisedSeed | null {
  const profile = profiles.find((p) => p.id === seed.profile);
  return profile ? ({ ...seed, profile } as RecognisedSeed) : null;
}
