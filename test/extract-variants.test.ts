import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/article.js';

// Small template variants other Kooboo sites may use, each reduced to the part that differs.
const page = (inner: string) =>
  `<html><body><div class="menu"><a href="/">Trang chủ</a></div><div class="art">${inner}</div>` +
  `<div class="other"><h3>Các tin khác</h3><a href="/TinTuc/View/Khac?PageIndex=1">Tin khác</a></div></body></html>`;
const url = 'http://h.vn/TinTuc/View/Bai-viet?PageIndex=3';

describe('template variants', () => {
  it('a byline between the title and the date line', () => {
    const r = extractArticle(
      page(`<h1>Tiêu đề chính</h1><p>Tác giả: Lò Văn A</p><p>Thời gian đăng: 01/02/2024 10:00:00 AM</p>
        <p>Đoạn mở đầu của bài viết.</p><p>Đoạn thân bài cuối cùng của bài viết.</p>`),
      url,
    );
    expect(r).toMatchObject({
      title: 'Tiêu đề chính',
      author: 'Lò Văn A',
      organization: null,
      published_at: '2024-02-01T10:00:00+07:00',
      body_text: 'Đoạn mở đầu của bài viết.\n\nĐoạn thân bài cuối cùng của bài viết.',
    });
  });

  it('the label in one table cell and the time in the next', () => {
    const r = extractArticle(
      page(`<table><tr><td><h2>Tiêu đề bảng</h2></td></tr><tr><td><strong>Thời gian đăng:</strong></td>
        <td>05/06/2022 03:04:05 PM</td></tr><tr><td><p>Mở đầu bài viết trong bảng.</p><p>Thân bài.</p></td></tr></table>`),
      url,
    );
    expect(r).toMatchObject({
      title: 'Tiêu đề bảng',
      published_at: '2022-06-05T15:04:05+07:00',
      summary: 'Mở đầu bài viết trong bảng.',
      body_text: 'Mở đầu bài viết trong bảng.\n\nThân bài.',
    });
  });

  it('the title and the date in one element', () => {
    const r = extractArticle(
      page(`<div class="t">Tiêu đề một dòng <span class="d">Thời gian đăng: 07/08/2021 11:12:13 PM</span></div>
        <p>Mở đầu.</p><p>Thân bài.</p>`),
      url,
    );
    expect(r).toMatchObject({ title: 'Tiêu đề một dòng', published_at: '2021-08-07T23:12:13+07:00', summary: 'Mở đầu.' });
  });

  it('title, byline and date as lines of one block', () => {
    const r = extractArticle(
      page(`<div class="h">Tiêu đề nhiều dòng<br>Tác giả: Quàng Thị B | Thời gian đăng: 02/03/2020 08:00:00 AM</div>
        <p>Mở đầu.</p><p>Thân bài.</p>`),
      url,
    );
    expect(r).toMatchObject({ title: 'Tiêu đề nhiều dòng', author: 'Quàng Thị B', published_at: '2020-03-02T08:00:00+07:00' });
  });

  it('a page without the publication label is not an article', () => {
    expect(() => extractArticle(page('<h1>Giới thiệu chung</h1><p>Huyện có 15 xã.</p>'), url)).toThrow(
      /no "Thời gian đăng" line/,
    );
  });
});
