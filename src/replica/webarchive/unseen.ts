/**
 * An archive nobody tuned for: from a seed, two or three generated portals (their own ids, hosts, names, templates,
 * page sizes, article counts and crawl days), one blocked host and one host never captured.
 */
import { generateSite } from '../generate.js';
import type { Site, TemplateName } from '../site.js';
import { buildArchive, type BuiltArchive } from './build.js';
import { draw } from './random.js';

const PLACES: [host: string, name: string][] = [
  ['muongnhe', 'Mường Nhé'], ['nampo', 'Nậm Pồ'], ['muongcha', 'Mường Chà'], ['dienbiendong', 'Điện Biên Đông'],
  ['muongang', 'Mường Ảng'], ['tuangiao', 'Tuần Giáo'], ['phongtho', 'Phong Thổ'], ['sinho', 'Sìn Hồ'],
  ['tamduong', 'Tam Đường'], ['thanuyen', 'Than Uyên'],
];
const PROVINCES: [host: string, name: string][] = [['dienbien', 'Điện Biên'], ['laichau', 'Lai Châu'], ['sonla', 'Sơn La'], ['laocai', 'Lào Cai']];
const TITLES = ['Cổng thông tin điện tử huyện', 'Trang thông tin điện tử huyện', 'Cổng TTĐT huyện'];
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
    const [place, placeName] = places[k]!;
    const id = `${place}${d.int(1, 99)}`;
    const generated = generateSite({
      id,
      articles: d.int(Math.min(max, 18), max),
      pageSize: d.one([5, 6, 8, 10]),
      seed: opts.seed,
      template: TEMPLATES[(opts.seed + k) % 3]!,
    });
    // The portal's own name, banner and footer, so nothing on its pages says which fixture it was made from.
    const name = `${d.one(TITLES)} ${placeName}${d.pick() < 0.5 ? ` - tỉnh ${province[1]}` : ''}`;
    const site: Site = {
      ...generated,
      name,
      banner: generated.banner === null ? null : `CHÀO MỪNG ĐẾN VỚI ${name.toUpperCase()}`,
      footer: { agency: `Ủy ban nhân dân huyện ${placeName}`, address: `Thị trấn ${placeName}, huyện ${placeName}, tỉnh ${province[1]}`, phone: `02${d.int(10, 99)}.38${d.int(10, 99)}.${d.int(100, 999)}` },
    };
    return { site, host: `${d.pick() < 0.5 ? 'huyen' : ''}${place}.${province[0]}.gov.vn` };
  });
  return buildArchive({
    seed: opts.seed,
    portals,
    blockedHosts: [`${places[count]![0]}.${province[0]}.gov.vn`],
    emptyHosts: [`${places[count + 1]![0]}.${province[0]}.gov.vn`],
  });
}
