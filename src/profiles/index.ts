import { kooboo } from './kooboo.js';
import { liferay } from './liferay.js';
import { nukeviet } from './nukeviet.js';
import type { PortalProfile } from './profile.js';
import { sharepoint } from './sharepoint.js';
import { slugid } from './slugid.js';
import { wordpress } from './wordpress.js';

/**
 * Every portal family the tool knows, tried in this order when a page's family is not given (on equal evidence the
 * earlier wins). Adding a family is one profile file beside this one and one line here.
 */
export const profiles: readonly PortalProfile[] = [kooboo, sharepoint, nukeviet, liferay, wordpress, slugid];

export function profileById(id: string): PortalProfile | null {
  return profiles.find((p) => p.id === id) ?? null;
}

export type { PortalProfile } from './profile.js';
