import { kooboo } from './kooboo.js';
import type { PortalProfile } from './profile.js';

/**
 * Every portal family the tool knows, tried in this order when a page's family is not given. Adding a family is
 * one profile file beside this one and one line here.
 */
export const profiles: readonly PortalProfile[] = [kooboo];

export function profileById(id: string): PortalProfile | null {
  return profiles.find((p) => p.id === id) ?? null;
}

export type { PortalProfile } from './profile.js';
