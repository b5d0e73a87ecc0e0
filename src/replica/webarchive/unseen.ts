/**
 * An archive nobody tuned for: from a seed, two or three generated portals (their own ids, hosts, templates, page
 * sizes, article counts and crawl days), one blocked host and one host never captured.
 */
import { generateSite } from '../generate.js';
import type { TemplateName } from '../site.js';
import { buildArchive, type BuiltArchive } from './build.js';
import { draw } from './random.js';

const PLACES = ['muongnhe', 'nampo', 'muongcha', 'dienbiendong', 'muongang', 'tuangiao', 'phongtho', 'sinho', 'tamduong', 'thanuyen'];
const PROVINCES = ['dienbien', 'laichau', 'sonla', 'laocai'];
const TEMPLATES: TemplateName[] = ['list', 'div', 'table'];

export interface UnseenOptions {
  seed: number;
  /** Portals in the archive; default 2 or 3 by the seed. */
  portals?: number;
  /** Articles per portal, at most; default 60. */
  maxArticles?: number;
}

export function unseenArchive(opts: UnseenOptions): BuiltArchive {
  const d = draw(opts.seed * 7919 + 17);
  const count = opts.portals ?? d.int(2, 3);
  const places = [...PLACES].sort(() => d.pick() - 0.5);
  const province = d.one(PROVINCES);
  const max = opts.maxArticles ?? 60;
  const portals = Array.from({ length: count }, (_, k) => {
    const place = places[k]!;
    const id = `${place}${d.int(1, 99)}`;
    const site = generateSite({
      id,
      articles: d.int(Math.min(max, 18), max),
      pageSize: d.one([5, 6, 8, 10]),
      seed: opts.seed,
      template: TEMPLATES[(opts.seed + k) % 3]!,
    });
    return { site, host: `${d.pick() < 0.5 ? 'huyen' : ''}${place}.${province}.gov.vn` };
  });
  return buildArchive({
    seed: opts.seed,
    portals,
    blockedHosts: [`${places[count]!}.${province}.gov.vn`],
    emptyHosts: [`${places[count + 1]!}.${province}.gov.vn`],
  });
}
