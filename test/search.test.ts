import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { exportCommand } from '../src/cli/export.js';
import { reindexCommand } from '../src/cli/reindex.js';
import { searchCommand } from '../src/cli/search.js';
import { UsageError } from '../src/errors.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { silentLogger } from '../src/log.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { fold, foldChar, foldWithMap } from '../src/search/fold.js';
import { toFtsQuery } from '../src/search/query.js';
import { searchArchive, type SearchHit } from '../src/search/search.js';
import { makeSnippet, matchRanges } from '../src/search/snippet.js';
import { MIGRATIONS, openArchive, saveArticle, startRun } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';

/** Words as FTS5's unicode61 tokenizer cuts them: runs of letters and digits, here of the folded text. */
const words = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const fieldsOf = (r: { title: string; summary: string | null; body_text: string }) => [r.title, r.summary ?? '', r.body_text];
/** Whether `phrase` occurs as consecutive words in one of the searched fields, computed without FTS5. */
const hasPhrase = (r: ArticleRecord, phrase: string) =>
  fieldsOf(r).some((f) => ` ${words(f).join(' ')} `.includes(` ${phrase} `));
const hasAll = (r: ArticleRecord, terms: string[]) => terms.every((t) => fieldsOf(r).some((f) => words(f).includes(t)));

function search(db: Database.Database, typed: string, extra: { limit?: number; site?: string; since?: Date; until?: Date } = {}) {
  return searchArchive(db, { match: toFtsQuery(typed), typed, limit: extra.limit ?? 1000, ...extra });
}
const urls = (hits: SearchHit[]) => hits.map((h) => h.url).sort();
const marked = (text: string, ranges: [number, number][]) => ranges.map(([s, e]) => text.slice(s, e));

describe('fold', () => {
  it('is foldChar on every code point, in context (capitals, marks, đ, Σ, surrogates, highlight markers)', () => {
    const each = (text: string) => Array.from(text, foldChar).join('');
    const around = ['', 'A', 'ư', '\u0301', 'Đ', 'Σ', '\ue000', '😀'];
    let checked = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const context = around[cp % around.length]!;
      for (const text of [ch, context + ch + context]) {
        if (fold(text) !== each(text)) expect(fold(text), `U+${cp.toString(16)}`).toBe(each(text));
        checked++;
      }
    }
    for (const lone of ['\ud800', 'a\udc00B', '\ud83d\ude00\ud800Ư']) expect(fold(lone)).toBe(each(lone));
    expect(checked).toBeGreaterThan(2_000_000);
  });

  it('is foldChar on every code point of long texts too: past a chunk, past its buffer, with letters that grow', () => {
    const each = (text: string) => Array.from(text, foldChar).join('');
    // Vietnamese, capitals, an emoji (a surrogate pair), Hangul (one code point, three jamo folded), a lone surrogate.
    const piece = 'Đảng ủy XÃ Mường Chà 😀 한국어 \ud800 tổ chức hội nghị. ';
    for (const times of [1, 150, 600, 3000]) {
      const text = piece.repeat(times);
      expect(fold(text), `${text.length} units`).toBe(each(text));
    }
  });

  it('folds case, diacritics and the đ family (with the Ð and ð look-alikes) to the same letters', () => {
    for (const s of ['đảng viên', 'Đảng viên', 'ĐẢNG VIÊN', 'Ðảng viên', 'ðảng viên', 'dang vien', 'DANG VIEN', 'đảng viên'.normalize('NFD')]) {
      expect(fold(s), s).toBe('dang vien');
    }
    expect(fold('Phát triển Ủy ban Nghĩa Lộ ơ ư ă â ê ô')).toBe('phat trien uy ban nghia lo o u a a e o');
    expect(fold('động viên')).toBe('dong vien');
  });

  it('keeps one folded character per character of NFC Vietnamese, and maps back when it cannot', () => {
    const nfc = 'Tủa Chùa quan tâm phát triển đảng viên. Ðảng bộ xã Xá Nhè';
    const { folded, map } = foldWithMap(nfc);
    expect(folded.length).toBe(nfc.length);
    expect(map).toEqual([...Array(nfc.length + 1).keys()]);

    // Decomposed text and characters outside the BMP shift positions: the map must still point at the original.
    const nfd = `🇻🇳 ${'Đảng viên'.normalize('NFD')} mới`;
    const m = foldWithMap(nfd);
    expect(m.folded).toBe('🇻🇳 dang vien moi');
    const at = m.folded.indexOf('vien');
    expect(nfd.slice(m.map[at], m.map[at + 4])).toBe('viên'.normalize('NFD'));
    expect(nfd.slice(m.map[m.folded.indexOf('dang')], m.map[m.folded.indexOf('dang') + 4])).toBe('Đảng'.normalize('NFD'));
  });
});

describe('toFtsQuery', () => {
  it('folds terms and phrases and keeps FTS5 syntax', () => {
    expect(toFtsQuery('Đảng viên')).toBe('dang vien');
    expect(toFtsQuery('"phát triển ĐẢNG VIÊN"')).toBe('"phat trien dang vien"');
    expect(toFtsQuery('“phát triển đảng viên”')).toBe('"phat trien dang vien"');
    expect(toFtsQuery('Ðảng* OR (viên AND NOT chức)')).toBe('dang* OR (vien AND NOT chuc)');
    expect(toFtsQuery('NEAR(đảng viên, 3)')).toBe('NEAR(dang vien, 3)');
    expect(toFtsQuery('Title:Đảng -{summary body}:x ^Tủa')).toBe('title:dang -{summary body}:x ^tua');
    expect(toFtsQuery('"say ""hi"""')).toBe('"say ""hi"""');
    // Lower-case operators are words, as in FTS5.
    expect(toFtsQuery('đảng or viên')).toBe('dang or vien');
  });

  it('reads words joined by punctuation as phrases, as the tokenizer reads them in the text', () => {
    expect(toFtsQuery('kinh-tế xã_hội')).toBe('"kinh-te" xa_hoi');
    expect(toFtsQuery('02/9/2023 Tp.HCM*')).toBe('"02/9/2023" "tp.hcm"*');
  });

  it('rejects an empty or unterminated query with one line', () => {
    expect(() => toFtsQuery('   ')).toThrowError(UsageError);
    expect(() => toFtsQuery('""')).toThrowError('empty search query');
    expect(() => toFtsQuery('"đảng viên')).toThrowError('invalid search query "\\"đảng viên": unterminated "quoted phrase"');
  });
});

describe('snippets come from the original text', () => {
  it('maps FTS5 markers in the folded copy back onto the words as printed, merging neighbours', () => {
    const original = 'Kết nạp 4 Ðảng viên mới; đảng   viên dự bị.';
    const foldedMarked = fold(original)
      .replace('dang vien moi', '\ue000dang\ue001 \ue000vien\ue001 moi')
      .replace('dang   vien du', '\ue000dang\ue001   \ue000vien\ue001 du');
    const ranges = matchRanges(original, foldedMarked);
    expect(marked(original, ranges)).toEqual(['Ðảng viên', 'đảng   viên']);
    // A folded copy that no longer matches the text (index out of step) highlights nothing rather than the wrong words.
    expect(matchRanges(original, '\ue000something\ue001 else')).toEqual([]);
  });

  it('cuts a window around the densest matches at word boundaries, whitespace folded, with ellipses', () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(20);
    const text = `${filler}Công tác phát triển đảng viên\n\nđược chú trọng. ${filler}`;
    const at = text.indexOf('đảng viên');
    const s = makeSnippet(text, [[at, at + 'đảng viên'.length]], 120);
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.text.endsWith(' …')).toBe(true);
    expect(s.text).toContain('phát triển đảng viên được chú trọng.');
    expect(s.text.length).toBeLessThanOrEqual(130);
    expect(marked(s.text, s.highlights)).toEqual(['đảng viên']);
    expect(s.text).not.toMatch(/\s\s|\n/);
    expect(s.text.split(' ').slice(1, -1).every((w) => /^(Lorem|ipsum|dolor|sit|amet\.|Công|tác|phát|triển|đảng|viên|được|chú|trọng\.)$/.test(w))).toBe(true);
  });
});

describe('search over a crawl of the replica portals', () => {
  let replica: Replica;
  let dir: string;
  let dbPath: string;
  let db: Database.Database;
  let records: ArticleRecord[];

  beforeAll(async () => {
    replica = await startReplica();
    dir = mkdtempSync(join(tmpdir(), 'pa-search-'));
    dbPath = join(dir, 'archive.sqlite');
    const { code } = await crawlCommand(
      {
        urls: replica.sites.map((s) => s.listingUrl),
        db: dbPath,
        concurrency: 4,
        delay: 0,
        maxPages: null,
        userAgent: 'portal-archiver-test',
        timeout: 5000,
        retries: 0,
      },
      { log: silentLogger },
    );
    expect(code).toBe(0);
    db = openArchive(dbPath, { create: false });
    const { iterateRecords } = await import('../src/store/records.js');
    records = [...iterateRecords(db)];
  });

  afterAll(async () => {
    db?.close();
    await replica.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds every archived text one character for one, so highlights need no position map here', () => {
    for (const r of records) {
      for (const text of fieldsOf(r)) {
        expect(text.normalize('NFC')).toBe(text);
        expect(fold(text).length, r.url).toBe(text.length);
      }
    }
  });

  it('finds every article with đảng viên whatever the case, diacritics or look-alike in the query', () => {
    const withPhrase = records.filter((r) => hasPhrase(r, 'dang vien'));
    // The replica prints it as `đảng viên`, `Đảng viên` and with the `Ð` look-alike, in several articles and sites.
    expect(withPhrase.length).toBeGreaterThanOrEqual(8);
    expect(new Set(withPhrase.map((r) => r.site)).size).toBe(3);
    const expected = records.filter((r) => hasAll(r, ["dang", "vien"])).map((r) => r.url).sort();
    const plain = search(db, 'dang vien');
    expect(urls(plain.hits)).toEqual(expected);
    expect(plain.total).toBe(expected.length);
    for (const r of withPhrase) expect(urls(plain.hits)).toContain(r.url);
    for (const variant of ['Đảng viên', 'ĐẢNG VIÊN', 'Ðảng viên', 'ðảng VIÊN', 'đảng viên'.normalize('NFD'), 'DANG VIEN']) {
      expect(urls(search(db, variant).hits), variant).toEqual(urls(plain.hits));
    }
  });

  it('a phrase finds the phrase and only the phrase', () => {
    const phrase = search(db, '"dang vien"');
    expect(urls(phrase.hits)).toEqual(records.filter((r) => hasPhrase(r, 'dang vien')).map((r) => r.url).sort());

    const long = search(db, '"phát triển đảng viên"');
    const exact = records.filter((r) => hasPhrase(r, 'phat trien dang vien'));
    const scattered = records.filter((r) => hasAll(r, ['phat', 'trien', 'dang', 'vien']));
    expect(urls(long.hits)).toEqual(exact.map((r) => r.url).sort());
    // The words occur apart in other articles, which the phrase must not find but the plain words do.
    expect(scattered.length).toBeGreaterThan(exact.length);
    expect(search(db, 'phát triển đảng viên').total).toBe(scattered.length);
    for (const hit of long.hits) {
      expect(hit.snippet.highlights.length).toBeGreaterThan(0);
      for (const word of marked(hit.snippet.text, hit.snippet.highlights)) expect(fold(word)).toBe('phat trien dang vien');
    }
  });

  it('ranks by bm25, best first, title matches weighing most, with snippets highlighting the words as printed', () => {
    const { hits } = search(db, 'đảng viên');
    expect(hits.map((h) => h.rank)).toEqual(hits.map((_, i) => i + 1));
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeGreaterThanOrEqual(hits[i - 1]!.score);
    // Every article with the phrase in its title ranks above every article without either word in its title.
    const inTitle = hits.filter((h) => hasPhrase({ title: h.title, summary: null, body_text: '' } as ArticleRecord, 'dang vien'));
    const notInTitle = hits.filter((h) => !words(h.title).includes('dang') && !words(h.title).includes('vien'));
    expect(inTitle.length).toBeGreaterThan(0);
    expect(Math.max(...inTitle.map((h) => h.rank))).toBeLessThan(Math.min(...notInTitle.map((h) => h.rank)));
    for (const hit of hits) {
      const shown = [...marked(hit.snippet.text, hit.snippet.highlights), ...marked(hit.title, hit.titleHighlights)];
      expect(shown.length, hit.title).toBeGreaterThan(0);
      for (const word of shown) expect(['dang', 'vien', 'dang vien']).toContain(fold(word).replace(/\s+/g, ' '));
      // Highlights are cut from the text as printed: diacritics and case intact.
      const source = fieldsOf(records.find((r) => r.url === hit.url)!).join('\n');
      for (const word of shown) expect(source).toContain(word);
    }
    expect(hits.some((h) => marked(h.snippet.text, h.snippet.highlights).includes('đảng viên'))).toBe(true);
  });

  it('matches prefixes, and filters by site, date and limit', () => {
    const prefix = search(db, 'đả*');
    expect(prefix.total).toBe(records.filter((r) => fieldsOf(r).some((f) => words(f).some((w) => w.startsWith('da')))).length);
    const host = new URL(replica.sites[0]!.origin).host;
    const bySite = search(db, 'dang vien', { site: host });
    expect(bySite.hits.every((h) => h.site === host)).toBe(true);
    expect(bySite.total).toBe(records.filter((r) => r.site === host && hasAll(r, ['dang', 'vien'])).length);
    const since = new Date('2023-01-01T00:00:00+07:00');
    const until = new Date('2023-12-31T23:59:59.999+07:00');
    const in2023 = search(db, 'dang vien', { since, until });
    expect(urls(in2023.hits)).toEqual(
      records.filter((r) => r.published_at?.startsWith('2023-') && hasAll(r, ['dang', 'vien'])).map((r) => r.url).sort(),
    );
    const limited = search(db, 'dang vien', { limit: 2 });
    expect(limited.hits).toHaveLength(2);
    expect(limited.total).toBe(search(db, 'dang vien').total);
    expect(limited.hits.map((h) => h.url)).toEqual(search(db, 'dang vien').hits.slice(0, 2).map((h) => h.url));
  });

  it('export --query selects exactly what search finds, --category by name folded, both checked before writing', async () => {
    const exported = async (options: Record<string, string>) => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (c: Buffer) => (text += c.toString('utf8')));
      await exportCommand({ db: dbPath, format: 'jsonl', ...options }, out);
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ArticleRecord);
    };
    for (const query of ['đảng viên', '"phát triển đảng viên"', 'Ðảng* NOT viên']) {
      const viaExport = await exported({ query });
      expect(viaExport.map((r) => r.url).sort(), query).toEqual(urls(search(db, query).hits));
      expect(viaExport.length, query).toBeGreaterThan(0);
    }
    const category = records.find((r) => r.category !== null)!.category!;
    const byCategory = await exported({ category: fold(category).toUpperCase(), query: 'dang' });
    expect(byCategory.map((r) => r.url).sort()).toEqual(
      records.filter((r) => r.category === category && hasAll(r, ['dang'])).map((r) => r.url).sort(),
    );
    await expect(exported({ query: 'đảng (' })).rejects.toThrowError(/^invalid search query "đảng \(": fts5: syntax error/);
    await expect(exported({ category: 'Không có' })).rejects.toThrowError(/^unknown category "Không có"; the archive's categories: .*Xây dựng Đảng/);
  });

  it('turns a query FTS5 rejects into a one-line usage error', () => {
    expect(() => search(db, 'đảng AND')).toThrowError(UsageError);
    expect(() => search(db, 'đảng (viên')).toThrowError(/^invalid search query "đảng \(viên": fts5: syntax error/);
    expect(() => search(db, 'tieu_de:đảng')).toThrowError('invalid search query "tieu_de:đảng": no such column: tieu_de (columns: title, summary, body)');
  });

  it('keeps the index in step with new, updated and unchanged articles', () => {
    const runId = startRun(db, { seeds: [], now: new Date() });
    const base = records.find((r) => !hasAll(r, ['dang', 'vien']))!;
    const record: ArticleRecord = {
      ...base,
      url: 'https://example.gov.vn/TinTuc/View/moi',
      title: 'Bài mới về ĐẢNG VIÊN trẻ',
      // Saved as given, look-alike included: search must fold it even when the extractor did not normalise it.
      body_text: 'Chi bộ kết nạp Ðảng viên mới.\n\nTiếp tục rèn luyện.',
      content_sha256: 'a'.repeat(64),
    };
    expect(saveArticle(db, record, { runId })).toBe('new');
    const found = search(db, '"dang vien moi"');
    expect(found.hits.map((h) => h.url)).toContain(record.url);
    const hit = found.hits.find((h) => h.url === record.url)!;
    expect(marked(hit.snippet.text, hit.snippet.highlights)).toEqual(['Ðảng viên mới']);

    expect(saveArticle(db, { ...record, body_text: 'Nội dung đã sửa: hội nghị cán bộ.', content_sha256: 'b'.repeat(64) }, { runId })).toBe('updated');
    expect(search(db, '"dang vien moi"').hits.map((h) => h.url)).not.toContain(record.url);
    expect(search(db, 'hoi nghi can bo').hits.map((h) => h.url)).toContain(record.url);
    expect(search(db, '"ĐẢNG VIÊN trẻ"').hits.map((h) => h.url)).toEqual([record.url]);
    expect(saveArticle(db, { ...record, body_text: 'Nội dung đã sửa: hội nghị cán bộ.', content_sha256: 'b'.repeat(64) }, { runId })).toBe('unchanged');
    expect(db.prepare('SELECT count(*) FROM article_search').pluck().get()).toBe(db.prepare('SELECT count(*) FROM articles').pluck().get());
  });

  it('reindex rebuilds the index from the articles', () => {
    const before = search(db, 'dang vien').hits.map((h) => h.url);
    db.prepare('DELETE FROM article_search').run();
    expect(search(db, 'dang vien').total).toBe(0);
    const articles = db.prepare('SELECT count(*) FROM articles').pluck().get();
    db.close();
    const result = reindexCommand({ db: dbPath });
    expect(result.articles).toBe(articles);
    db = openArchive(dbPath, { create: false });
    expect(search(db, 'dang vien').hits.map((h) => h.url)).toEqual(before);
  });

  it('the search command prints ranked, snippeted hits and fails cleanly on a bad query', async () => {
    const text = await runCli(['search', 'Ðảng viên', '--db', dbPath, '--limit', '3']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^1\. .+\n {3}\d{4}-\d\d-\d\d · .+\n {3}http:\/\/127\.0\.0\.1:\d+\/\S+\n {3}.*\[[Đđ]ảng viên\]/);
    expect(text.stdout.match(/^\d+\. /gm)).toEqual(['1. ', '2. ', '3. ']);
    expect(text.stderr).toMatch(/^3 of \d+ matching articles\n$/);

    const jsonl = await runCli(['search', '"phát triển đảng viên"', '--db', dbPath, '--format', 'jsonl']);
    expect(jsonl.code).toBe(0);
    const hits = jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(hits.map((h) => h.url).sort()).toEqual(records.filter((r) => hasPhrase(r, 'phat trien dang vien')).map((r) => r.url).sort());
    for (const h of hits) {
      const snippet = [...(h.snippet as string)];
      for (const [s, e] of h.snippet_highlights as [number, number][]) expect(fold(snippet.slice(s, e).join(''))).toBe('phat trien dang vien');
    }

    const out = new PassThrough();
    let json = '';
    out.on('data', (c: Buffer) => (json += c.toString('utf8')));
    expect(await searchCommand({ db: dbPath, query: 'zzzkhongco', limit: 20, format: 'json' }, out)).toEqual({ total: 0, shown: 0 });
    expect(json).toBe('[]\n');

    const bad = await runCli(['search', 'đảng (', '--db', dbPath]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^portal-archiver: invalid search query "đảng \(": fts5: syntax error[^\n]*\n$/);
    await expect(searchCommand({ db: dbPath, query: 'x', limit: 20, format: 'csv' }, out)).rejects.toThrowError(
      new UsageError('unknown format "csv": expected text, json or jsonl'),
    );
  });
});

describe('migration to v4', () => {
  it('indexes the articles a pre-search archive already holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pa-v4-'));
    try {
      const file = join(dir, 'old.sqlite');
      const old = new Database(file);
      for (const m of MIGRATIONS.filter((x) => x.version < 4)) {
        m.prepare?.(old);
        old.exec(m.sql);
        old.pragma(`user_version = ${m.version}`);
      }
      const insert = old.prepare(
        `INSERT INTO articles (url, site, title, summary, body_text, fetched_at, content_sha256)
         VALUES (?, 'a.gov.vn', ?, ?, ?, '2024-01-01T00:00:00.000Z', ?)`,
      );
      insert.run('https://a.gov.vn/1', 'Kết nạp Đảng viên', null, 'Chi bộ kết nạp đảng viên mới.', '1'.repeat(64));
      insert.run('https://a.gov.vn/2', 'Hội nghị', 'Tổng kết năm', 'Không liên quan.', '2'.repeat(64));
      old.close();

      const db = openArchive(file, { create: false });
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
      const result = search(db, 'dang vien');
      expect(result.hits.map((h) => h.url)).toEqual(['https://a.gov.vn/1']);
      expect(marked(result.hits[0]!.title, result.hits[0]!.titleHighlights)).toEqual(['Đảng viên']);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
