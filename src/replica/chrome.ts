/**
 * Site furniture shared by the three templates as data (menu, counter, sidebar boxes, footer). Each template
 * prints it with its own elements and class names; only the words are common, as they were on the real portals.
 * Numbers are derived from the site id so pages are byte-stable between runs.
 */
import type { Site } from './site.js';
import { listingUrl } from './urls.js';

export interface MenuItem {
  href: string;
  text: string;
}

export function menu(site: Site): MenuItem[] {
  return [
    { href: '/', text: 'Trang chủ' },
    { href: '/Gioi-thieu', text: 'Giới thiệu' },
    { href: listingUrl(site, 1), text: 'Tin tức' },
    { href: '/Van-ban', text: 'Văn bản' },
    { href: '/Lien-he', text: 'Liên hệ' },
  ];
}

function seed(site: Site): number {
  let h = 2166136261;
  for (const c of site.id) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

export interface Counter {
  rows: [label: string, value: number][];
  total: number;
}

export function counter(site: Site): Counter {
  const h = seed(site);
  const today = 10 + (h % 90);
  const yesterday = 20 + ((h >>> 7) % 120);
  const thisWeek = today + yesterday + ((h >>> 3) % 200);
  const lastWeek = 400 + ((h >>> 11) % 900);
  const thisMonth = thisWeek + lastWeek + ((h >>> 5) % 1500);
  const lastMonth = 3000 + ((h >>> 13) % 4000);
  const total = 1_000_000 + (h % 900_000);
  return {
    rows: [
      ['Hôm nay', today],
      ['Hôm qua', yesterday],
      ['Tuần này', thisWeek],
      ['Tuần trước', lastWeek],
      ['Tháng này', thisMonth],
      ['Tháng trước', lastMonth],
      ['Tất cả các ngày', total],
    ],
    total,
  };
}

export interface WebLink {
  url: string;
  text: string;
}

export const WEB_LINKS: WebLink[] = [
  { url: 'https://dienbien.gov.vn', text: 'Cổng thông tin điện tử tỉnh Điện Biên' },
  { url: 'https://chinhphu.vn', text: 'Cổng thông tin điện tử Chính phủ' },
  { url: 'https://dichvucong.gov.vn', text: 'Cổng Dịch vụ công Quốc gia' },
  { url: 'https://baodienbienphu.info.vn', text: 'Báo Điện Biên Phủ' },
];

export function videoTitle(site: Site): string {
  return site.id.includes('dienbien') ? 'Điện Biên - Mùa hoa Ban trắng' : 'Tủa Chùa - Vẻ đẹp nguyên sơ và huyền bí';
}

/** The sidebar boxes printed after the article, in the real pages' order. */
export const SIDEBAR = {
  map: 'Bản đồ hành chính',
  documents: 'Công khai gửi nhận văn bản',
  documentsNote: 'văn bản qua mạng giữa các đơn vị trên địa bàn huyện',
  services: 'Tiến độ giải quyết DVC trực tuyến',
  videos: 'Thư viện Video',
  stats: 'Thống kê truy cập',
  total: 'Tổng truy cập:',
  links: 'Liên kết Website',
  latest: 'Tin mới',
} as const;

export interface FooterLines {
  agency: string;
  address: string;
  phone: string;
  copyright: string;
  credit: string;
}

export function footerLines(site: Site): FooterLines {
  const f = site.footer ?? { agency: site.name, address: 'tỉnh Điện Biên', phone: '0215.3825.000' };
  return {
    agency: f.agency,
    address: `Địa chỉ: ${f.address}`,
    phone: `Điện thoại: ${f.phone}`,
    copyright: `Bản quyền thuộc ${f.agency}`,
    credit: `Ghi rõ nguồn “${site.name}” khi phát hành lại thông tin từ website này`,
  };
}
