import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPosted, loadSites, pagerWindow, renderPager, startReplica, type Replica, type ReplicaSite } from '../src/replica/index.js';

const SEED_PATH = '/TinTuc/View/Tua-Chua-quan-tam-phat-trien-dang-vien';

/** The ten `Các tin khác` titles of the seed page, in page order (text, not HTML). */
const SEED_RELATED = [
  'Tổng kết và trao giải cuộc thi tìm "Tìm hiểu lịch sử, văn hóa, nhân vật lịch sử gắn với sự hình thành phát triển của Đảng bộ huyện Tủa Chùa và danh lam thắng cảnh trên địa bàn huyện Tủa Chùa"',
  'Ban Chấp hành Đảng bộ huyện khóa XVIII tổ chức Kỳ họp thứ 17',
  'Huyện đoàn – Hội đồng Đội huyện Tủa Chùa tổ chức chương trình “Đêm hội trăng rằm” năm 2023 tại xã Lao Xả Phình',
  'Tăng cường công tác quản lý và bảo vệ rừng',
  'Khối thi đua các trường Mầm non ký kết giao ước thi đua năm học 2023-2024',
  'Đảng ủy thị trấn trao Huy hiệu Đảng đợt 02/9/2023',
  'Tập huấn cán bộ Ban xóa đói giảm nghèo cấp xã về thực hiện tín dụng chính sách xã hội',
  'Sở Giao thông vận tải tỉnh Điện Biên làm việc tại huyện Tủa Chùa',
  'Hội nghị tổng kết và chuyển giao chương trình vùng huyện Tủa Chùa',
  'Tăng cường bảo đảm an toàn thực phẩm dịp Tết Trung thu',
];

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let replica: Replica;

function site(id: string): ReplicaSite {
  const s = replica.sites.find((x) => x.id === id);
  if (!s) throw new Error(`no replica site ${id}`);
  return s;
}

async function get(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), headers: res.headers };
}

beforeAll(async () => {
  replica = await startReplica();
});

afterAll(async () => {
  await replica?.close();
});

describe('replica data', () => {
  it('serves three sites, 44 or more articles, each with at least 3 listing pages', () => {
    expect(replica.sites.map((s) => s.id).sort()).toEqual(['huyendienbien', 'huyentuachua', 'tuachua']);
    const total = replica.sites.reduce((n, s) => n + s.site.articles.length, 0);
    expect(total).toBeGreaterThanOrEqual(44);
    for (const s of replica.sites) {
      expect(Math.ceil(s.site.articles.length / s.site.pageSize), s.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps the seed quirks in the data: 30 U+00D0, a caption ending in U+00A0', () => {
    const seed = site('tuachua').site.articles.find((a) => a.slug === 'Tua-Chua-quan-tam-phat-trien-dang-vien');
    expect(seed).toBeDefined();
    const text = [seed!.lead, ...seed!.blocks.map((b) => ('p' in b ? b.p : ''))].join('\n');
    expect(text.match(/\u00d0/g)).toHaveLength(30);
    const image = seed!.blocks[0];
    expect(image && 'images' in image && image.caption?.endsWith('Tủa Chùa.\u00a0')).toBe(true);
  });

  it('rejects bad site data with an error naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replica-bad-'));
    try {
      mkdirSync(join(dir, 'broken'));
      const file = join(dir, 'broken', 'site.json');
      writeFileSync(file, JSON.stringify({ id: 'broken', name: 'x', template: 'grid' }));
      expect(() => loadSites(dir)).toThrow(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('listing pages', () => {
  it('serve page 1 and the last page of every site with the Kooboo pager', async () => {
    for (const s of replica.sites) {
      const total = s.site.articles.length;
      const last = Math.ceil(total / s.site.pageSize);
      for (const page of [1, last]) {
        const url = s.listingUrl.replace('PageIndex=1', `PageIndex=${page}`);
        const { status, body } = await get(url);
        expect(status, url).toBe(200);
        const start = (page - 1) * s.site.pageSize + 1;
        expect(body, url).toContain(`<strong>${start}-`);
        expect(body, url).toContain(` of <strong>${total}</strong>`);
        expect(body, url).toContain('><</a>');
        expect(body, url).toContain('>></a>');
        expect(body, url).toContain(`<span class="active">${page}</span>`);
      }
    }
  });

  it('serve the listing under its other spellings and category listings in both forms', async () => {
    const tc = site('tuachua');
    const page1 = (await get(tc.listingUrl)).body;
    expect((await get(`${tc.origin}/TinTuc`)).body).toBe(page1);
    expect((await get(`${tc.origin}/TinTuc/All/?PageIndex=1`)).body).toBe(page1);
    const byPath = await get(`${tc.origin}/TinTuc/CM/Tin-trong-huyen?PageIndex=2`);
    const byQuery = await get(`${tc.origin}/TinTuc/CM/?PageIndex=2&userkey=Tin-trong-huyen`);
    expect(byPath.status).toBe(200);
    expect(byQuery.body).toBe(byPath.body);
    expect(byPath.body).toContain('Tin trong huyện');
    const db = await get(`${site('huyendienbien').origin}/T/CM/?PageIndex=1&userkey=Kinh-te-Xa-hoi`);
    expect(db.status).toBe(200);
    expect(db.body).toContain('Kinh tế - Xã hội');
  });

  it('print literal \\r\\n in huyendienbien summaries and lower-case hex for one huyentuachua link', async () => {
    const pages = await Promise.all([1, 2, 3].map((n) => get(`${site('huyendienbien').origin}/Tintuc/?PageIndex=${n}`)));
    expect(pages.some((p) => p.body.includes('thiếu\\r\\nnhi vui\\r\\nchơi'))).toBe(true);
    const htc = await get(site('huyentuachua').listingUrl);
    expect(htc.body).toContain('UserKey=L%e1%bb%85%20h%e1%bb%99i%20hoa%20Ban%202024-6');
  });
});

describe('article pages', () => {
  it('reproduce the seed page text', async () => {
    const { status, body } = await get(`${site('tuachua').origin}${SEED_PATH}?PageIndex=1`);
    expect(status).toBe(200);
    for (const raw of [
      'Tủa Chùa quan tâm phát triển đảng viên',
      'Thời gian đăng: 11/08/2023 02:46:47 PM',
      'bảo đảm sự kế thừa và phát triển liên tục của \u00d0ảng, xây dựng tổ chức đảng trong sạch, vững mạnh.',
      'alt="dbej11.jpg"',
      'xã Tủa Thàng, huyện Tủa Chùa.\u00a0</em>',
      'Bí thư \u00d0ảng ủy xã Xá Nhè \u00d0oàn Văn Ngọc cho biết',
      'chuyển \u00d0ảng chính thức cho 14 đảng viên',
      'Thu Trang - Trung tâm VH - TT - TH huyện',
      'Các tin khác:',
    ]) {
      expect(body).toContain(raw);
    }
    // Page 1 of the related block is the ten titles of the seed, newest first.
    let from = body.indexOf('Các tin khác:');
    for (const title of SEED_RELATED) {
      const at = body.indexOf(`>${escapeHtml(title)}</a>`, from);
      expect(at, title).toBeGreaterThan(from);
      from = at;
    }
    expect(body).toContain(`<a href='${SEED_PATH}?PageIndex=2'>2</a>`);
  });

  it('serves the same page under the path form, the UserKey form and lower-case view', async () => {
    const tc = site('tuachua').origin;
    const slug = 'Khuyen-khich-day-manh-phong-trao-van-nghe-quan-chung-tren-dia-ban';
    const bodies = await Promise.all(
      [`/TinTuc/View/${slug}?PageIndex=2`, `/TinTuc/View/?UserKey=${slug}&PageIndex=2`, `/TinTuc/view/${slug}?PageIndex=2&utm=x`].map(
        async (p) => (await get(tc + p)).body,
      ),
    );
    expect(bodies[0]).toContain('Khuyến khích đẩy mạnh phong trào văn nghệ quần chúng trên địa bàn');
    expect(bodies[0]).toContain('Thời gian đăng: 22/02/2023 03:15:40 PM');
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[2]).toBe(bodies[0]);

    const htc = site('huyentuachua').origin;
    const upper = await get(`${htc}/TIN_TUC_2024/View/?UserKey=${encodeURIComponent('Lễ hội hoa Ban 2024-6')}`);
    const lower = await get(`${htc}/TIN_TUC_2024/view/?UserKey=L%e1%bb%85%20h%e1%bb%99i%20hoa%20Ban%202024-6&PageIndex=1`);
    const path = await get(`${htc}/TIN_TUC_2024/View/${encodeURIComponent('Lễ hội hoa Ban 2024-6')}`);
    expect(upper.status).toBe(200);
    expect(lower.body).toBe(upper.body);
    expect(path.body).toBe(upper.body);

    const copy = await get(`${htc}/TIN_TUC_2024/View/?UserKey=Hoi-nghi-tong-ket-cong-tac-nam-2023---Copy`);
    expect(copy.body).toContain('Hội nghị sơ kết 6 tháng đầu năm 2024');
  });

  it('prints noon and midnight hours the Kooboo way', () => {
    expect(formatPosted('2023-09-06T12:15:03+07:00')).toBe('06/09/2023 12:15:03 PM');
    expect(formatPosted('2024-09-10T00:42:15+07:00')).toBe('10/09/2024 12:42:15 AM');
    expect(formatPosted('2023-08-11T14:46:47+07:00')).toBe('11/08/2023 02:46:47 PM');
  });

  it('puts the visitor counter before the article on huyendienbien', async () => {
    const { body } = await get(`${site('huyendienbien').origin}/T/View/HUYEN-DIEN-BIEN-70-NAM-PHAN-DAU---XAY-DUNG---TRUONG-THANH`);
    expect(body.indexOf('Tất cả các ngày')).toBeGreaterThan(0);
    // The title also stands in <title>, so compare with the date line, the article's first text after its title.
    expect(body.indexOf('Tất cả các ngày')).toBeLessThan(body.indexOf('Thời gian đăng:</strong> 22/07/2020 10:02:18 AM'));
    expect(body).toContain('<strong>Tác giả:</strong> Lò Thị Hiền');
  });
});

describe('the Kooboo pager', () => {
  it('matches the seed pager window: page 92 of 369 shows 87..96', () => {
    expect(pagerWindow(92, 369)).toEqual({ first: 87, last: 96 });
    const html = renderPager({ page: 92, pageSize: 10, total: 3688, className: 'p', href: (n) => `/TinTuc/?PageIndex=${n}` });
    expect(html).toMatch(/^<div class="p"><strong>911-920<\/strong> of <strong>3688<\/strong><a href='\/TinTuc\/\?PageIndex=91'><<\/a>&nbsp;&nbsp;<a href='\/TinTuc\/\?PageIndex=86'>...<\/a>&nbsp;&nbsp;<a href='\/TinTuc\/\?PageIndex=87'>87<\/a>/);
    expect(html).toContain("<span class=\"active\">92</span>&nbsp;&nbsp;<a href='/TinTuc/?PageIndex=93'>93</a>");
    expect(html).toMatch(/<a href='\/TinTuc\/\?PageIndex=96'>96<\/a>&nbsp;&nbsp;<a href='\/TinTuc\/\?PageIndex=97'>...<\/a>&nbsp;&nbsp;<a href='\/TinTuc\/\?PageIndex=93'>><\/a><\/div>$/);
  });
});

describe('server behaviour', () => {
  it('answers unknown paths with a 404 HTML page', async () => {
    const res = await get(`${site('tuachua').origin}/Khong/Ton/Tai`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('The resource cannot be found.');
    expect((await get(`${site('tuachua').origin}/TinTuc/View/Khong-co-bai-nay`)).status).toBe(404);
  });

  it('sends IIS / ASP.NET headers, and the same headers without a body for HEAD', async () => {
    const { headers, body } = await get(site('huyentuachua').listingUrl);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('server')).toBe('Microsoft-IIS/8.5');
    expect(headers.get('x-aspnetmvc-version')).toBe('5.2');
    expect(headers.get('x-aspnet-version')).toBe('4.0.30319');
    expect(headers.get('x-powered-by')).toBe('ASP.NET');
    expect(headers.get('cache-control')).toBe('private');
    expect(headers.get('date')).toBeTruthy();
    expect(Number(headers.get('content-length'))).toBe(Buffer.byteLength(body));

    const head = await fetch(site('huyentuachua').listingUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('serves article images with their content type', async () => {
    const tc = site('tuachua');
    const jpg = await fetch(`${tc.origin}/Cms_Data/Contents/${tc.site.cmsSite}/Media/Images/dbej11.jpg`);
    expect(jpg.status).toBe(200);
    expect(jpg.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await jpg.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xd8]);
    const bmp = await fetch(`${tc.origin}/Cms_Data/Contents/${tc.site.cmsSite}/Media/Images/jwdj1.bmp`);
    expect(bmp.headers.get('content-type')).toBe('image/bmp');
    expect((await fetch(`${tc.origin}/Cms_Data/Contents/${tc.site.cmsSite}/Media/Images/khong-co.jpg`)).status).toBe(404);
  });

  it('logs every request', async () => {
    const before = replica.requests.length;
    const url = `${site('huyendienbien').origin}/Tintuc/?PageIndex=2`;
    await get(url);
    const entry = replica.requests.at(-1);
    expect(replica.requests.length).toBe(before + 1);
    expect(entry).toMatchObject({ siteId: 'huyendienbien', method: 'GET', url: '/Tintuc/?PageIndex=2' });
    expect(typeof entry?.at).toBe('number');
  });
});
