import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { exportCommand } from '../src/cli/export.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { silentLogger } from '../src/log.js';
import { type Replica, startReplica } from '../src/replica/index.js';

// The article the project began from (a real Tủa Chùa page), served by the replica and archived through the whole
// pipeline; every field below is spelled out by hand from the seed text.
let replica: Replica;
let dir: string;
let record: ArticleRecord;
let origin: string;

beforeAll(async () => {
  replica = await startReplica({ siteIds: ['tuachua'] });
  origin = replica.sites[0]!.origin;
  dir = mkdtempSync(join(tmpdir(), 'pa-seed-'));
  const db = join(dir, 'seed.sqlite');
  const url = `${origin}/TinTuc/View/Tua-Chua-quan-tam-phat-trien-dang-vien?PageIndex=92`;
  const { code } = await crawlCommand(
    { urls: [url], db, concurrency: 1, delay: 0, maxPages: null, userAgent: 't', timeout: 5000, retries: 0 },
    { log: silentLogger },
  );
  expect(code).toBe(0);
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  await exportCommand({ db, format: 'json' }, out);
  [record] = JSON.parse(text) as ArticleRecord[];
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the seed article, field by field', () => {
  it('identity: canonical URL without PageIndex, host, breadcrumb category', () => {
    expect(record.url).toBe(`${origin}/TinTuc/View/Tua-Chua-quan-tam-phat-trien-dang-vien`);
    expect(record.site).toBe(new URL(origin).host);
    expect(record.category).toBe('Tin trong huyện');
  });

  it('title and publication time (day first, 02:46:47 PM in Vietnam)', () => {
    expect(record.title).toBe('Tủa Chùa quan tâm phát triển đảng viên');
    expect(record.published_at).toBe('2023-08-11T14:46:47+07:00');
  });

  it('lead and body: seven paragraphs, Ð made Đ, no caption, file name or byline', () => {
    expect(record.summary).toBe(
      'Thời gian qua, Huyện ủy Tủa Chùa đã triển khai đồng bộ nhiều giải pháp nhằm tạo nguồn, phát triển đảng viên. ' +
        'Nhờ đó, tạo chuyển biến tích cực trong công tác phát triển đảng viên, bảo đảm sự kế thừa và phát triển liên ' +
        'tục của Đảng, xây dựng tổ chức đảng trong sạch, vững mạnh.',
    );
    const paragraphs = record.body_text.split('\n\n');
    expect(paragraphs).toHaveLength(7);
    expect(paragraphs[0]).toBe(record.summary);
    expect(paragraphs[1]).toMatch(/^Đảng bộ xã Xá Nhè là điểm sáng của huyện Tủa Chùa trong công tác phát triển đảng viên\. Để nâng cao/);
    expect(paragraphs[2]).toMatch(/^Bí thư Đảng ủy xã Xá Nhè Đoàn Văn Ngọc cho biết: Đảng ủy xã thực hiện/);
    expect(paragraphs[6]).toBe(
      'Với sự chỉ đạo quyết liệt, 6 tháng đầu năm 2023, Đảng bộ huyện Tủa Chùa kết nạp 64 đảng viên mới. Đội ngũ đảng ' +
        'viên mới đã kịp thời bổ sung sức trẻ, tăng sức chiến đấu, bảo đảm sự kế thừa, phát triển của các tổ chức đảng ở địa phương.',
    );
    // The page has 30 look-alike `Ð` in its prose and no real `Đ` there.
    expect(record.body_text.match(/Đ/g)).toHaveLength(30);
    expect(record.body_text).not.toMatch(/[\u00d0\u00a0]|dbej11|Lễ trao quyết định|Thu Trang|Các tin khác|911-920/);
  });

  it('the image, its absolute URL and its caption', () => {
    expect(record.images).toEqual([
      {
        url: `${origin}/Cms_Data/Contents/TuaChua/Media/Images/dbej11.jpg`,
        alt: 'dbej11.jpg',
        caption:
          'Lễ trao quyết định công nhận đảng viên chính thức tại Chi bộ Trường PTDTBT THCS Tủa Thàng, xã Tủa Thàng, huyện Tủa Chùa.',
        sha256: null,
        size: null,
      },
    ]);
  });

  it('byline: person, then organisation after the first " - "', () => {
    expect(record.author).toBe('Thu Trang');
    expect(record.organization).toBe('Trung tâm VH - TT - TH huyện');
  });

  it('related: the ten titles of Các tin khác, canonical URLs, no pager links', () => {
    expect(record.related.map((r) => r.title)).toEqual([
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
    ]);
    for (const link of record.related) {
      expect(link.url).toMatch(new RegExp(`^${origin}/TinTuc/View/[A-Za-z0-9-]+$`));
    }
  });

  it('capture metadata: UTC fetch time and a content hash', () => {
    expect(record.fetched_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(record.content_sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
