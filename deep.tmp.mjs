import { extractArticle } from './dist/extract/article.js';
import { parseHtml, flatten } from './dist/extract/dom.js';
for (const depth of [5000, 20000, 200000]) {
  const html = `<html><body><h1>Tiêu đề</h1><p>Thời gian đăng: 01/02/2024 10:00:00 AM</p>${'<div>'.repeat(depth)}<p>Đoạn văn bản của bài viết rất dài ${'x '.repeat(120)}.</p><p>Đoạn hai.</p>${'</div>'.repeat(depth)}<h3>Các tin khác</h3><a href="/TinTuc/View/Khac?PageIndex=1">Tin khác</a></body></html>`;
  let t = performance.now();
  const doc = parseHtml(html);
  const tp = performance.now() - t; t = performance.now();
  flatten(doc);
  const tf = performance.now() - t; t = performance.now();
  let r;
  try { r = extractArticle(html, 'http://h.vn/TinTuc/View/Bai?PageIndex=1').title; } catch (e) { r = String(e).slice(0, 200); }
  console.log(depth, 'parse', tp.toFixed(0), 'flatten', tf.toFixed(0), 'extract', (performance.now() - t).toFixed(0), r);
}
