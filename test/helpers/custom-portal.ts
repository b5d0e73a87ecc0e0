import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A replica of a custom PHP district portal that no profile knows (the `index.php?com=tintuc_ct&id_news=` grammar
 * of nganson.backan.gov.vn in the project notes), with every trap a plain mirror falls into: listing links carry
 * tracking and session parameters that change from page to page, and every article links the others and its own
 * related-block pages under dozens of `&PageIndex=N` variants. It serves robots.txt with a `Sitemap:` line, a
 * sitemap index, an RSS feed, and logs every request so tests count what a crawler asked for.
 */
export interface CustomArticle {
  id: number;
  title: string;
  day: string;
  time: string;
  paragraphs: string[];
  author: string;
}

export interface CustomPortalOptions {
  articles?: number;
  pageSize?: number;
  /** Articles the listing reaches (the newest); the others are only in the sitemap. Default all. */
  listed?: number;
  /** Beyond the last page: an empty list (default) or the last page again, "Tiếp" and all (a runaway pager). */
  beyondLast?: 'empty' | 'repeat';
  sitemap?: boolean;
  feed?: boolean;
  /** Pages of the related block each article links (`&PageIndex=1..N`). */
  relatedPages?: number;
  /** Called with each request's path and query as it arrives. */
  onRequest?: (url: string) => void;
}

export interface CustomPortal {
  origin: string;
  listingUrl: string;
  articles: CustomArticle[];
  requests: string[];
  articleUrl(id: number): string;
  close(): Promise<void>;
}

const SUBJECTS = ['Huyện Ngân Sơn', 'Xã Thượng Quan', 'Thị trấn Nà Phặc', 'Xã Bằng Vân', 'Xã Cốc Đán', 'Xã Trung Hòa'];
const ACTIONS = [
  'tổ chức hội nghị tổng kết công tác năm',
  'ra quân làm đường giao thông nông thôn',
  'triển khai kế hoạch phòng chống thiên tai',
  'trao quà cho hộ nghèo dịp Tết Nguyên đán',
  'khai giảng lớp tập huấn kỹ thuật trồng rừng',
  'kiểm tra công tác cải cách hành chính',
  'đón nhận bằng công nhận xã đạt chuẩn nông thôn mới',
];

function articlesOf(n: number): CustomArticle[] {
  return Array.from({ length: n }, (_, i) => {
    const id = 1400 - i;
    const title = `${SUBJECTS[i % SUBJECTS.length]} ${ACTIONS[i % ACTIONS.length]} (bài ${id})`;
    const d = 28 - (i % 28);
    const m = 12 - Math.floor(i / 28) % 12;
    return {
      id,
      title,
      day: `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/2023`,
      time: `${String(7 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
      paragraphs: [
        `Ngày ${d}/${m}/2023, ${title.toLowerCase()}. Tham dự có đại diện lãnh đạo Huyện ủy, HĐND, UBND huyện cùng các phòng, ban, ngành liên quan.`,
        `Theo báo cáo, trong năm qua địa phương đã hoàn thành ${60 + (i % 30)}% kế hoạch đề ra, nhiều chỉ tiêu vượt mức so với cùng kỳ năm trước, đời sống nhân dân từng bước được nâng lên.`,
        `Phát biểu chỉ đạo, đồng chí Chủ tịch UBND huyện đề nghị các đơn vị tiếp tục phát huy kết quả đạt được, khắc phục những hạn chế, tập trung thực hiện tốt nhiệm vụ năm ${2024}.`,
      ],
      author: i % 3 === 0 ? 'Hoàng Lan' : 'Văn phòng HĐND và UBND huyện',
    };
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function layout(title: string, main: string, newest: CustomArticle[], feed: boolean): string {
  const side = newest
    .slice(0, 5)
    .map((a) => `<tr><td><img src="images/dot.gif"> <a href="index.php?com=tintuc_ct&amp;id_news=${a.id}&amp;id_cat=3">${esc(a.title)}</a></td></tr>`)
    .join('\n');
  return `<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${esc(title)} :: UBND huyện Ngân Sơn</title>
${feed ? '<link rel="alternate" type="application/rss+xml" title="Tin tức" href="/rss.xml">' : ''}
</head>
<body>
<table width="1000" align="center">
<tr><td colspan="2"><img src="images/banner.jpg" width="1000"></td></tr>
<tr><td colspan="2" class="menu">
  <a href="index.php">Trang chủ</a> | <a href="index.php?com=gioithieu">Giới thiệu</a> | <a href="index.php?com=tintuc&amp;id_cat=3">Tin tức - Sự kiện</a> |
  <a href="index.php?com=vanban">Văn bản</a> | <a href="index.php?com=lienhe">Liên hệ</a> <span class="today">Thursday, 18/07/2024</span>
</td></tr>
<tr><td width="720" valign="top">${main}</td>
<td width="280" valign="top"><div class="title_box">TIN MỚI</div><table>${side}</table></td></tr>
<tr><td colspan="2" class="footer">Bản quyền thuộc UBND huyện Ngân Sơn - tỉnh Bắc Kạn</td></tr>
</table>
</body>
</html>`;
}

/** Page `page` of the listing; a runaway pager shows page `shown`'s items under any higher number, "Tiếp" and all. */
function listingPage(all: CustomArticle[], listed: CustomArticle[], page: number, size: number, feed: boolean, runaway: boolean): string {
  const last = Math.max(1, Math.ceil(listed.length / size));
  const shown = runaway ? Math.min(page, last) : page;
  const items = listed.slice((shown - 1) * size, shown * size);
  const rows = items
    .map(
      (a) => `<tr><td class="tin"><a class="tieude" href="index.php?com=tintuc_ct&amp;id_news=${a.id}&amp;id_cat=3&amp;utm_source=list&amp;sessionid=s${page}x">${esc(a.title)}</a><br>
  <span class="ngay">Ngày đăng: ${a.day}</span><br>${esc(a.paragraphs[0]!)}</td></tr>`,
    )
    .join('\n');
  const link = (n: number, text: string) => `<a href="index.php?com=tintuc&amp;id_cat=3&amp;page=${n}&amp;sort=new">${text}</a>`;
  const first = Math.max(1, page - 2);
  const nums: string[] = [];
  for (let n = first; n <= Math.min(last, first + 4); n++) nums.push(n === page ? `<b>${n}</b>` : link(n, String(n)));
  const pager = [link(1, 'Đầu'), ...nums, page < last || runaway ? link(page + 1, 'Tiếp') : '', link(last, 'Cuối')].join(' ');
  return layout('Tin tức - Sự kiện', `<div class="title_cat">TIN TỨC - SỰ KIỆN</div><table>${rows}</table><div class="phantrang">${pager}</div>`, all, feed);
}

function articlePage(all: CustomArticle[], a: CustomArticle, relatedPages: number, feed: boolean): string {
  const others = all.filter((o) => o.id !== a.id).slice(0, 10);
  const related = others
    .map((o, k) => `<li><a href="index.php?com=tintuc_ct&amp;id_news=${o.id}&amp;id_cat=3&amp;PageIndex=${(k % relatedPages) + 1}">${esc(o.title)}</a></li>`)
    .join('');
  const pager = Array.from({ length: relatedPages }, (_, k) => `<a href="index.php?com=tintuc_ct&amp;id_news=${a.id}&amp;id_cat=3&amp;PageIndex=${k + 1}">${k + 1}</a>`).join(' ');
  const main = `<div class="ngaydang">Ngày đăng: ${a.day} ${a.time} - Lượt xem: ${a.id % 97}</div>
<div class="cochu">Xem với cỡ chữ <a href="javascript:zoom(1)">A</a> <a href="javascript:zoom(-1)">a</a></div>
<h1 class="tieude">${esc(a.title)}</h1>
<div class="noidung">${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<p style="text-align:right"><strong>${esc(a.author)}</strong></p></div>
<div class="tinkhac"><h3>Các tin khác</h3><ul>${related}</ul><div class="phantrang">${pager}</div></div>`;
  return layout(a.title, main, all, feed);
}

export async function startCustomPortal(opts: CustomPortalOptions = {}): Promise<CustomPortal> {
  const all = articlesOf(opts.articles ?? 23);
  const size = opts.pageSize ?? 5;
  const listed = all.slice(0, opts.listed ?? all.length);
  const relatedPages = opts.relatedPages ?? 30;
  const feed = opts.feed ?? true;
  const sitemap = opts.sitemap ?? true;
  const requests: string[] = [];
  let origin = '';
  const articleUrl = (id: number) => `${origin}/index.php?com=tintuc_ct&id_cat=3&id_news=${id}`;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '/';
    requests.push(raw);
    opts.onRequest?.(raw);
    const url = new URL(raw, origin);
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    const html = (body: string) => send(200, 'text/html', body);
    const q = (name: string) => url.searchParams.get(name);
    if (url.pathname === '/robots.txt') {
      return send(200, 'text/plain', `User-agent: *\nDisallow: /admin/\n${sitemap ? `Sitemap: ${origin}/sitemap_index.xml\n` : ''}`);
    }
    if (sitemap && url.pathname === '/sitemap_index.xml') {
      return send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>${origin}/sitemap-news.xml</loc></sitemap>
<sitemap><loc>${origin}/sitemap-pages.xml</loc></sitemap>
</sitemapindex>`);
    }
    if (sitemap && url.pathname === '/sitemap-news.xml') {
      const urls = all.map((a) => `<url><loc>${origin}/index.php?com=tintuc_ct&amp;id_news=${a.id}&amp;id_cat=3</loc><lastmod>${a.day.split('/').reverse().join('-')}</lastmod></url>`);
      return send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>`);
    }
    if (sitemap && url.pathname === '/sitemap-pages.xml') {
      const pages = ['gioithieu', 'lienhe', 'vanban'].map((c) => `<url><loc>${origin}/index.php?com=${c}</loc></url>`);
      return send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${pages.join('')}</urlset>`);
    }
    if (feed && url.pathname === '/rss.xml') {
      const items = all.slice(0, 10).map((a) => `<item><title>${esc(a.title)}</title><link>${origin}/index.php?com=tintuc_ct&amp;id_news=${a.id}&amp;id_cat=3&amp;utm_source=rss</link><pubDate>Mon, 04 Dec 2023 08:00:00 +0700</pubDate></item>`);
      return send(200, 'application/rss+xml', `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin tức</title>${items.join('')}</channel></rss>`);
    }
    if (url.pathname === '/welcome.html') {
      // What a parked host answers: a web server's default page, no portal at all.
      return html('<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed and working. Further configuration is required.</p><p>For online documentation and support please refer to <a href="http://nginx.org/">nginx.org</a>.<br/>Commercial support is available at <a href="http://nginx.com/">nginx.com</a>.</p><p><em>Thank you for using nginx.</em></p></body></html>');
    }
    if (url.pathname === '/index.php') {
      const com = q('com');
      if (com === 'tintuc' && q('id_cat') === '3') {
        const page = Math.max(1, Number(q('page') ?? '1') || 1);
        return html(listingPage(all, listed, page, size, feed, opts.beyondLast === 'repeat'));
      }
      if (com === 'tintuc_ct') {
        const a = all.find((x) => String(x.id) === q('id_news'));
        return a ? html(articlePage(all, a, relatedPages, feed)) : send(404, 'text/html', '<h1>Không tìm thấy</h1>');
      }
      if (com === null || ['gioithieu', 'lienhe', 'vanban'].includes(com)) {
        return html(layout('Trang chủ', '<p>Chào mừng bạn đến với trang thông tin điện tử huyện Ngân Sơn.</p>', all, feed));
      }
    }
    send(404, 'text/html', '<h1>404 Not Found</h1>');
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    listingUrl: `${origin}/index.php?com=tintuc&id_cat=3`,
    articles: all,
    requests,
    articleUrl,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
