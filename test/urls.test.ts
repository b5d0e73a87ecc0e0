import { describe, expect, it } from 'vitest';
import { kooboo } from '../src/profiles/kooboo.js';
import { canonicalArticleUrl, canonicalListingUrl } from '../src/profiles/urls.js';

const article = (href: string, base?: string) => canonicalArticleUrl(href, base, kooboo);

describe('article URL canonicalisation', () => {
  it('drops PageIndex: one article, many related-block pages', () => {
    const a = article('https://tuachua.dienbien.gov.vn/TinTuc/View/Khuyen-khich?PageIndex=25');
    const b = article('https://tuachua.dienbien.gov.vn/TinTuc/View/Khuyen-khich?PageIndex=3');
    expect(a).toBe('https://tuachua.dienbien.gov.vn/TinTuc/View/Khuyen-khich');
    expect(b).toBe(a);
  });

  it('writes view as View and keeps the PageKey as the site spells it', () => {
    expect(article('http://muonglay.dienbien.gov.vn/TINTUC/view/Phuong-Na-Lay?PageIndex=6')).toBe(
      'http://muonglay.dienbien.gov.vn/TINTUC/View/Phuong-Na-Lay',
    );
  });

  it('keeps UserKey and drops the rest of the query, whatever the parameter case', () => {
    expect(article('/TIN_TUC_2024/View/?userkey=Doc-dao&PageIndex=4', 'https://huyentuachua.dienbien.gov.vn/x')).toBe(
      'https://huyentuachua.dienbien.gov.vn/TIN_TUC_2024/View/?UserKey=Doc-dao',
    );
  });

  it('treats percent-escapes in either hex case as one slug', () => {
    const upper = article('http://h.vn/TinTuc/View/L%E1%BB%85%20h%E1%BB%99i-6');
    const lower = article('http://h.vn/TinTuc/View/L%e1%bb%85%20h%e1%bb%99i-6?PageIndex=2');
    expect(upper).toBe('http://h.vn/TinTuc/View/L%E1%BB%85%20h%E1%BB%99i-6');
    expect(lower).toBe(upper);
  });

  it('keeps ---Copy slugs distinct from their originals', () => {
    expect(article('http://h.vn/T/View/Hoi-nghi---Copy')).not.toBe(article('http://h.vn/T/View/Hoi-nghi'));
  });

  it('reads the short form /<PageKey>/<slug> only with PageIndex, as listings print it', () => {
    expect(article('http://huyendienbien.gov.vn/T/HUYEN-DIEN-BIEN-70-NAM?PageIndex=76')).toBe(
      'http://huyendienbien.gov.vn/T/HUYEN-DIEN-BIEN-70-NAM',
    );
    expect(article('http://huyendienbien.gov.vn/GioiThieu/LichSu')).toBeNull();
    expect(article('http://huyendienbien.gov.vn/T/CM?PageIndex=2')).toBeNull();
    expect(article('http://huyendienbien.gov.vn/Tintuc/All?PageIndex=2')).toBeNull();
  });

  it('rejects listings, other paths and other schemes', () => {
    expect(article('http://h.vn/TinTuc/CM/Xay-dung-Dang?PageIndex=2')).toBeNull();
    expect(article('http://h.vn/TinTuc/?PageIndex=2')).toBeNull();
    expect(article('http://h.vn/TinTuc/View/')).toBeNull();
    expect(article('javascript:void(0)', 'http://h.vn/')).toBeNull();
    expect(article('mailto:a@b.vn')).toBeNull();
  });
});

describe('listing URL canonicalisation', () => {
  it('makes page 1 explicit and keeps the category key of the query form', () => {
    expect(canonicalListingUrl('http://h.vn/TinTuc/', undefined, kooboo)?.url).toBe('http://h.vn/TinTuc/?PageIndex=1');
    const cm = canonicalListingUrl('http://h.vn/T/CM/?userkey=Kinh-te&PageIndex=3&x=1', undefined, kooboo);
    expect(cm?.url).toBe('http://h.vn/T/CM/?PageIndex=3&userkey=Kinh-te');
    expect(cm?.page).toBe(3);
  });
});
