import type { FamilyArticle, FamilySite } from '../../src/replica/index.js';
import { relatedOf, templateOf } from '../../src/replica/index.js';

/**
 * What a correct extractor must return for an article of a family replica, from the site data (the text exactly as
 * the page prints it) by the README's normalisation rules, written out here independently of src/text. The sign-off
 * (`./.`), toolbars, counters and doubled captions a template adds are not in the data, so not in what is expected.
 */
const line = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const paragraph = (s: string) =>
  s
    .normalize('NFC')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

export function expectedFamilyFields(site: FamilySite, article: FamilyArticle) {
  const template = templateOf(site);
  const paragraphs = [article.lead, ...article.blocks.flatMap((b) => ('p' in b ? [b.p] : []))].map(paragraph).filter(Boolean);
  const images = article.blocks.flatMap((b) =>
    'images' in b
      ? b.images.map((file) => {
          const alt = template.alt === 'file' ? file : template.alt === 'caption' ? b.caption : null;
          return { file, alt: alt ? line(alt) : null, caption: b.caption === null ? null : line(b.caption) };
        })
      : [],
  );
  return {
    title: line(article.title),
    published_at: article.published,
    summary: paragraph(article.lead),
    body_text: paragraphs.join('\n\n'),
    images,
    author: article.author === null ? null : line(article.author),
    organization: article.organization === null ? null : line(article.organization),
    category: line(site.categories.find((c) => c.key === article.category)!.name),
    extractor: site.family,
    related: relatedOf(site, article).map((r) => line(r.title)),
  };
}
