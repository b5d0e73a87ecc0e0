import { expect } from 'vitest';
import type { ArticleRecord } from '../../src/extract/record.js';
import type { ArchiveTruth, WebArchive } from '../../src/replica/webarchive/index.js';
import { BANNER_TEXTS } from '../../src/replica/webarchive/index.js';
import { articleVersions, iterateRecords, openArchive } from '../../src/store/index.js';
import { expectedFields } from './expect-record.js';

/** Every record in an archive, newest versions. */
export function records(db: string): ArticleRecord[] {
  const sqlite = openArchive(db, { create: false, readonly: true });
  try {
    return [...iterateRecords(sqlite)];
  } finally {
    sqlite.close();
  }
}

/**
 * Checks a recovery against the web archive's ground truth: every article it holds recovered exactly once; every
 * distinct version, in capture order, as the site data says (all fields), with the memento it was first read from
 * and that capture's Memento-Datetime; the record the latest version, last seen at its last capture; nothing of a
 * banner anywhere. `hosts` limits the check to those portals; `truth` replaces the archive's (the archive as it stood).
 */
export function expectRecovered(db: string, wa: WebArchive, opts: { hosts?: string[]; truth?: ArchiveTruth } = {}): void {
  const { hosts } = opts;
  const truth = opts.truth ?? wa.truth;
  const got = records(db);
  const held = truth.portals.filter((p) => !hosts || hosts.includes(p.host)).flatMap((p) => p.articles.filter((a) => a.held).map((a) => ({ portal: p, a })));
  expect(got.map((r) => r.url).sort()).toEqual(held.map((h) => h.a.url).sort());
  const sqlite = openArchive(db, { create: false, readonly: true });
  try {
    for (const { portal, a } of held) {
      const r = got.find((x) => x.url === a.url)!;
      const versions = articleVersions(sqlite, a.url);
      expect(versions.map((v) => v.version), a.url).toEqual(a.versions.map((_, i) => i + 1));
      expect(a.latest, a.url).toBe(a.versions.length - 1);
      a.versions.forEach((v, i) => {
        const name = `${a.url} v${i + 1}`;
        const { images, ...fields } = expectedFields(portal.site, v.article);
        const have = versions[i]!;
        const haveImages = have.images.map((img) => ({ file: decodeURIComponent(img.url.split('/').pop()!), alt: img.alt, caption: img.caption }));
        expect({ ...have, images: haveImages }, name).toMatchObject({ ...fields, images });
        for (const img of have.images) expect(img.url.startsWith(`${portal.origin}/Cms_Data/`), name).toBe(true);
        // Provenance: the capture the version was first read from, by its Memento-Datetime.
        expect(have.source, name).toBe('archive');
        // (An http and an https capture in the same second are both the first: either is right.)
        const firsts = v.captures.filter((c) => c.timestamp === v.captures[0]!.timestamp).map((c) => wa.mementoUrl(c.path));
        expect(firsts, name).toContain(have.archive_url);
        expect(Date.parse(have.captured_at), name).toBe(Date.parse(v.captures[0]!.capturedAt));
        expect(have.site, name).toBe(portal.host);
      });
      const last = a.versions[a.latest]!;
      expect(r.content_sha256).toBe(versions.at(-1)!.content_sha256);
      expect(Date.parse(r.fetched_at), a.url).toBe(Date.parse(last.captures.at(-1)!.capturedAt));
    }
    // Every capture read is kept as a page under its original URL, with the memento and its capture time.
    const pages = sqlite.prepare('SELECT url, final_url, kind, archive_url, captured_at FROM pages').all() as {
      url: string;
      final_url: string;
      kind: string;
      archive_url: string;
      captured_at: string;
    }[];
    expect(pages.length).toBeGreaterThan(held.length);
    for (const p of pages) {
      expect(p.url.startsWith(wa.base)).toBe(false);
      expect(p.archive_url).toMatch(new RegExp(`^${wa.base}/(web|vnarchive)/\\d{14}id_/`));
      expect(p.archive_url.endsWith(`id_/${p.final_url}`)).toBe(true);
      expect(Number.isNaN(Date.parse(p.captured_at))).toBe(false);
    }
    const all = JSON.stringify(got) + JSON.stringify(sqlite.prepare('SELECT record FROM article_revisions').pluck().all());
    for (const banner of BANNER_TEXTS) expect(all).not.toContain(banner);
  } finally {
    sqlite.close();
  }
}
