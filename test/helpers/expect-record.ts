import type { ExtractedArticle } from '../../src/extract/record.js';
import type { Article, Site } from '../../src/replica/index.js';

/**
 * What a correct extractor must return for a replica article, derived from the site data (the text exactly as the
 * page prints it) by the README's normalisation rules, written out here independently of src/text.
 */
const line = (s: string) =>
  s.normalize('NFC').replace(/\u00d0/g, '\u0110').replace(/\u00f0/g, '\u0111').replace(/\\r\\n/g, ' ').replace(/\s+/g, ' ').trim();
const paragraph = (s: string) =>
  s
    .normalize('NFC')
    .replace(/\u00d0/g, '\u0110')
    .replace(/\u00f0/g, '\u0111')
    .replace(/\\r\\n/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

export function expectedFields(site: Site, article: Article) {
  const paragraphs = [article.lead, ...article.blocks.flatMap((b) => ('p' in b ? [b.p] : []))]
    .map(paragraph)
    .filter(Boolean);
  const images = article.blocks.flatMap((b) =>
    'images' in b ? b.images.map((file) => ({ file, alt: file, caption: b.caption === null ? null : line(b.caption) })) : [],
  );
  let author: string | null = null;
  let organization: string | null = null;
  if (article.author !== null) {
    const byline = line(article.author).replace(/^Tác giả:\s*/, '');
    const dash = byline.indexOf(' - ');
    [author, organization] = dash > 0 ? [byline.slice(0, dash), byline.slice(dash + 3)] : [byline, null];
  }
  const category = site.categories.find((c) => c.key === article.category)?.name ?? null;
  return {
    title: line(article.title),
    published_at: article.published,
    summary: paragraph(article.lead),
    body_text: paragraphs.join('\n\n'),
    images,
    author,
    organization,
    category: category === null ? null : line(category),
  } satisfies Partial<Record<keyof ExtractedArticle, unknown>>;
}
