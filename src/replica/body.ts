/**
 * The article body as CKEditor 4 wrote it into Kooboo: justified prose paragraphs, centred image paragraphs,
 * centred italic captions, `<p>&nbsp;</p>` spacers. Templates only choose how a caption is italicised, since
 * editors on different portals used `<em>`, `<i>` or an inline style.
 */
import type { Block, Site } from './site.js';
import { attr, esc } from './html.js';
import { imageUrl } from './urls.js';

export interface BodyStyle {
  /** Wraps the escaped caption text in its italic markup. */
  italic: (html: string) => string;
  /** Also print the file name as `title`, as some editors did. */
  imageTitle: boolean;
}

function img(site: Site, file: string, style: BodyStyle): string {
  const title = style.imageTitle ? ` title="${attr(file)}"` : '';
  return `<img alt="${attr(file)}" src="${attr(imageUrl(site, file))}" style="width: 600px; height: 400px;"${title} />`;
}

function imagesBlock(site: Site, files: string[], caption: string | null, style: BodyStyle): string {
  const cap = caption === null ? null : style.italic(esc(caption));
  if (files.length > 1 && cap !== null) {
    // Several images sharing one caption: the editor's layout table.
    const rows = files.map((f) => `<tr><td>${img(site, f, style)}</td></tr>`).join('');
    return `<table align="center" border="0" cellpadding="1" cellspacing="1"><tbody>${rows}<tr><td style="text-align: center;">${cap}</td></tr></tbody></table>`;
  }
  const pictures = files.map((f) => `<p style="text-align: center;">${img(site, f, style)}</p>`);
  if (cap !== null) pictures.push(`<p style="text-align: center;">${cap}</p>`);
  return pictures.join('\n');
}

export function renderBlocks(site: Site, blocks: Block[], style: BodyStyle): string {
  return blocks
    .map((b) => {
      if ('images' in b) return imagesBlock(site, b.images, b.caption, style);
      // A paragraph of nothing but (no-break) spaces is the editor's spacer.
      if (b.p.trim() === '') return '<p>&nbsp;</p>';
      return `<p style="text-align: justify;">${esc(b.p)}</p>`;
    })
    .join('\n');
}

/** Every image file an article references, for the image route. */
export function imageFiles(blocks: Block[]): string[] {
  return blocks.flatMap((b) => ('images' in b ? b.images : []));
}
