import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverCommand } from '../src/cli/recover.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { silentLogger } from '../src/log.js';
import { BANNER_TEXTS, startWebArchive, type WebArchive } from '../src/replica/webarchive/index.js';
import { articleVersions, iterateRecords, openArchive } from '../src/store/index.js';
import { expectedFields } from './helpers/expect-record.js';
import { recordingDispatcher, recoverOptions } from './helpers/recover.js';

let dir: string;
let wa: WebArchive;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pa-recover-'));
  wa = await startWebArchive();
});

afterAll(async () => {
  await wa.close();
  rmSync(dir, { recursive: true, force: true });
});

function records(db: string): ArticleRecord[] {
  const sqlite = openArchive(db, { create: false, readonly: true });
  try {
    return [...iterateRecords(sqlite)];
  } finally {
    sqlite.close();
  }
}

describe('recover from the fixture web archive', () => {
  it('recovers every article the archive holds, once, with its latest capture and earlier versions', async () => {
    const db = join(dir, 'fixture.sqlite');
    const rec = recordingDispatcher([wa.base]);
    const seeds = wa.truth.portals.map((p) => `${p.origin}/`);
    const result = await recoverCommand(recoverOptions(seeds, db, wa.base), { log: silentLogger, dispatcher: rec.dispatcher });
    await rec.close();
    expect(result.summary?.failures).toEqual([]);
    expect(result.code).toBe(0);
    const got = records(db);
    const held = wa.truth.portals.flatMap((p) => p.articles.filter((a) => a.held).map((a) => ({ portal: p, a })));
    expect(got.map((r) => r.url).sort()).toEqual(held.map((h) => h.a.url).sort());
    const sqlite = openArchive(db, { create: false, readonly: true });
    for (const { portal, a } of held) {
      const r = got.find((x) => x.url === a.url)!;
      const latest = a.versions[a.latest]!;
      const want = expectedFields(portal.site, latest.article);
      const { images, ...fields } = want;
      expect({ ...r, images: undefined }, a.url).toMatchObject({ ...fields, images: undefined });
      expect(r.source).toBe('archive');
      const versions = articleVersions(sqlite, a.url);
      expect(versions.map((v) => v.title), a.url).toEqual(a.versions.map((v) => expectedFields(portal.site, v.article).title));
    }
    sqlite.close();
    expect(new Set(rec.origins)).toEqual(new Set([wa.base]));
    for (const r of got) for (const banner of BANNER_TEXTS) expect(JSON.stringify(r)).not.toContain(banner);
  });
});
