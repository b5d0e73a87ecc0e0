import type { Element } from 'domhandler';
import { isTag } from 'domhandler';
import type { Flat, TextBlock } from './blocks.js';
import { contains, parentElement, textOf } from './dom.js';
import { findNumericDate, findWordDate, parseIsoDate } from './datetime.js';
import { type PageMeta, ldArticles, metaValue } from './meta.js';

/**
 * The publication time, from what the page says about itself, then from what it prints near the title:
 * 1. metadata: `article:published_time` and its kin, JSON-LD `datePublished`, `itemprop="datePublished"`;
 * 2. a `<time datetime>` in or near the article;
 * 3. a labelled date line (`Đăng ngày 17 - 05 - 2024`, `Ngày đăng: 08/07/2024  11:38`, `Gửi lúc: ...`,
 *    `( Cập nhật ngày: 29/03/2023 )`), nearest the title;
 * 4. a short line that is mostly a date (`22/09/2022 15:15`, `16:23 03/12/2024`, `09/11/2019 | lượt xem: 3`)
 *    right before or after the title.
 * A date headed by a weekday and without a time of day is the page header's "today" (`Thursday, 18/07/2024`,
 * `Thứ 3, Ngày 16/07/2024 -`) unless it stands inside the article; it is never taken from outside it.
 */
const META_KEYS = [
  'article:published_time', 'og:article:published_time', 'article:published', 'og:published_time',
  'datepublished', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_time', 'published-date',
  'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date',
  'sailthru.date', 'parsely-pub-date', 'article.published', 'date', 'created', 'creation_date',
];

const LABEL =
  /(?:^|[\s(|·•,;:-])(?:đăng ngày|ngày đăng|ngày xuất bản|xuất bản(?: lúc| ngày)?|đăng lúc|gửi lúc|gửi ngày|cập nhật(?: ngày| lúc)?|ngày cập nhật|thời gian(?: đăng| xuất bản| cập nhật)?|ngày ban hành|posted(?: on)?|published(?: on)?|updated(?: on)?|date)\s*:?\s*$/iu;
const YEAR = /(?:19|20)\d\d/;
const LABEL_ANYWHERE = /đăng|gửi|cập nhật|xuất bản|thời gian|posted|published|updated|date/i;
const WEEKDAY =
  /^\s*(?:thứ\s*(?:[2-7]|hai|ba|tư|năm|sáu|bảy|bẩy)|chủ\s*nhật|cn|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b/iu;
/** What may stand on a date line besides the date: labels, counters, separators, a weekday, an author. */
const DATE_LINE_NOISE =
  /(?:lượt xem|lượt đọc|số lượt xem|đã xem|views?|lần đọc)\s*:?\s*[\d.,]*|[|·•()[\]\-–—,:/]|\s+/giu;

function fromMeta(meta: PageMeta): string | null {
  for (const key of META_KEYS) {
    for (const value of meta.values.get(key) ?? []) {
      const iso = parseIsoDate(value) ?? findNumericDate(value)?.iso ?? null;
      if (iso) return iso;
    }
  }
  for (const obj of ldArticles(meta)) {
    for (const key of ['datePublished', 'dateCreated', 'uploadDate']) {
      const value = obj[key];
      if (typeof value === 'string') {
        const iso = parseIsoDate(value);
        if (iso) return iso;
      }
    }
  }
  for (const el of meta.itemprops) {
    if (!/datepublished|datecreated/i.test(el.attribs['itemprop'] ?? '')) continue;
    const value = el.attribs['content'] ?? el.attribs['datetime'] ?? textOf(el);
    const iso = parseIsoDate(value) ?? findNumericDate(value)?.iso ?? null;
    if (iso) return iso;
  }
  return null;
}

function fromTimeElements(meta: PageMeta, roots: Element[], titleEl: Element | null): string | null {
  // In the article, or in the box that holds its title (a header with the byline and the date).
  let titleBox: Element | null = titleEl;
  for (let i = 0; titleBox && i < 3; i++) titleBox = parentElement(titleBox) ?? titleBox;
  const near = (el: Element) => roots.some((r) => contains(r, el)) || (titleBox !== null && contains(titleBox, el));
  for (const el of meta.times) {
    // A date beside a link is a teaser's (related lists print one per item).
    if (!near(el) || besideLink(el)) continue;
    const value = el.attribs['datetime'];
    const iso = value ? parseIsoDate(value) ?? findNumericDate(value)?.iso ?? null : null;
    if (iso) return iso;
  }
  return null;
}

function besideLink(el: Element): boolean {
  const box = parentElement(el);
  if (!box) return false;
  return box.children.some((c) => isTag(c) && c.name === 'a') || (box.name === 'a');
}

export interface DateLine {
  iso: string;
  /** Index of the block that holds it. */
  index: number;
  labelled: boolean;
}

function lineDate(block: TextBlock, index: number, inArticle: boolean): DateLine | null {
  if (block.text.length > 200) return null;
  const found = findNumericDate(block.text) ?? findWordDate(block.text);
  if (!found) return null;
  const before = block.text.slice(0, found.index);
  const labelled = LABEL.test(before);
  const weekday = WEEKDAY.test(block.text);
  if (weekday && !found.timed && !inArticle) return null;
  if (labelled) return { iso: found.iso, index, labelled };
  // Unlabelled: the line must be about the date, not prose that mentions one.
  const rest = (before + block.text.slice(found.index + found.length)).replace(WEEKDAY, '').replace(DATE_LINE_NOISE, '');
  if (rest.length > 40) return null;
  return { iso: found.iso, index, labelled };
}

/**
 * Date lines around the title: labelled ones anywhere from a few blocks before the title to the end of the article,
 * unlabelled ones within a few blocks of the title or of the article's start.
 */
export function findDateLine(
  flat: Flat,
  titleIndex: number,
  bodyStart: number,
  bodyEnd: number,
  roots: Element[],
): DateLine | null {
  const { blocks } = flat;
  const anchor = titleIndex >= 0 ? titleIndex : bodyStart;
  const from = Math.max(0, Math.min(anchor, bodyStart) - 8);
  const to = Math.min(blocks.length, Math.max(anchor + 8, bodyEnd + 3));
  const found: DateLine[] = [];
  for (let i = from; i < to; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'text' || i === titleIndex || block.text.length > 200 || !YEAR.test(block.text)) continue;
    const near = Math.abs(i - anchor) <= 4 || (i >= bodyStart - 2 && i <= bodyStart + 2);
    // Far from the title only a labelled date counts: most blocks there are prose, not worth parsing.
    if (!near && !LABEL_ANYWHERE.test(block.text)) continue;
    const inArticle = roots.some((r) => contains(r, block.el));
    const line = lineDate(block, i, inArticle);
    if (!line) continue;
    if (line.labelled || near) found.push(line);
  }
  if (found.length === 0) return null;
  const distance = (l: DateLine) => Math.abs(l.index - anchor) + (l.labelled ? 0 : 1000);
  return found.sort((a, b) => distance(a) - distance(b))[0]!;
}

export function metadataDate(meta: PageMeta): string | null {
  return fromMeta(meta);
}

export function timeElementDate(meta: PageMeta, roots: Element[], titleEl: Element | null): string | null {
  return fromTimeElements(meta, roots, titleEl);
}

const LABEL_WORDS =
  /đăng ngày|ngày đăng|ngày xuất bản|xuất bản|đăng lúc|gửi lúc|gửi ngày|ngày cập nhật|cập nhật|thời gian đăng|thời gian|ngày|lúc|posted on|posted|published on|published|updated on|updated|date/giu;

/** A short line that only dates the article (with its label, a counter, a weekday): not prose. */
export function isDateLine(text: string): boolean {
  if (text.length > 120) return false;
  const found = findNumericDate(text) ?? findWordDate(text);
  if (!found) return false;
  const rest = (text.slice(0, found.index) + text.slice(found.index + found.length))
    .replace(WEEKDAY, '')
    .replace(LABEL_WORDS, '')
    .replace(DATE_LINE_NOISE, '');
  return rest.length <= 3;
}
