import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { exportCommand } from '../src/cli/export.js';
import { RECORD_FIELDS } from '../src/export/record-fields.js';
import { SCHEMA_VERSION } from '../src/export/schema-version.js';
import { silentLogger } from '../src/log.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { runCli } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/article.schema.json'), 'utf8')) as {
  $schema: string;
  required: string[];
  properties: Record<string, { const?: unknown }>;
};

/** Strict Ajv for draft 2020-12, with the two formats the schema uses checked for real. */
function validator(s: object): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('uri', (v: string) => URL.canParse(v));
  ajv.addFormat('date-time', (v: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v)));
  return ajv.compile(s);
}

const validate = validator(schema);
/** `--fields` records are projections: each field as the schema says, only schema_version required. */
const validateProjection = validator({ ...schema, required: ['schema_version'] });

function expectValid(v: ValidateFunction, record: unknown, label: string) {
  const ok = v(record);
  expect(ok, `${label}: ${JSON.stringify(v.errors)}`).toBe(true);
}

describe('the record schema', () => {
  it('is draft 2020-12, versioned by the constant the exporters write', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.schema_version!.const).toBe(SCHEMA_VERSION);
    expect(Object.keys(schema.properties)).toEqual([...RECORD_FIELDS]);
    expect(schema.required.every((f) => f in schema.properties)).toBe(true);
    // Only --revisions records carry these.
    expect(Object.keys(schema.properties).filter((f) => !schema.required.includes(f))).toEqual(['version']);
  });

  it('is what the README documents: its record table lists exactly the schema properties', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## The record$/m)[1]?.split(/^#{1,3} /m)[0] ?? '';
    const names = [...section.matchAll(/^\| `([a-z_0-9]+)` \|/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(schema.properties).sort());
    expect(section).toContain('schema/article.schema.json');
  });

  it('rejects records that break it, so passing means something', () => {
    const good = {
      schema_version: 2,
      url: 'https://tuachua.dienbien.gov.vn/TinTuc/View/x',
      site: 'tuachua.dienbien.gov.vn',
      category: null,
      title: 'Tiêu đề',
      published_at: '2023-08-11T14:46:47+07:00',
      summary: null,
      body_text: '',
      images: [{ url: 'https://tuachua.dienbien.gov.vn/a.jpg', alt: null, caption: null, sha256: null, size: null }],
      author: null,
      organization: null,
      related: [],
      extractor: 'kooboo',
      source: 'live' as const,
      archive_url: null,
      fetched_at: '2026-11-26T23:01:02.123Z',
      captured_at: '2026-11-26T23:01:02.123Z',
      content_sha256: 'a'.repeat(64),
    };
    expectValid(validate, good, 'good');
    expectValid(validate, { ...good, version: 2, captured_at: '2026-11-27T01:00:00.000Z' }, 'revision');
    const bad: [string, object][] = [
      ['no url', { ...good, url: undefined }],
      ['old version', { ...good, schema_version: 0 }],
      ['extra field', { ...good, views: 3 }],
      ['local time', { ...good, published_at: '2023-08-11T14:46:47' }],
      ['fetched_at not UTC', { ...good, fetched_at: '2026-11-26T23:01:02+07:00' }],
      ['bad hash', { ...good, content_sha256: 'A'.repeat(64) }],
      ['image size as text', { ...good, images: [{ ...good.images[0], size: '12' }] }],
      ['image without caption key', { ...good, images: [{ url: good.images[0]!.url, alt: null, sha256: null, size: null }] }],
      ['relative URL', { ...good, url: '/TinTuc/View/x' }],
      ['empty title', { ...good, title: '' }],
    ];
    for (const [label, record] of bad) expect(validate(JSON.parse(JSON.stringify(record))), label).toBe(false);
  });
});

describe('every exported record of a crawl validates against the schema', () => {
  let replica: Replica;
  let dir: string;
  let db: string;

  async function exportText(options: Record<string, string>): Promise<string> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await exportCommand({ db, format: 'jsonl', ...options }, out);
    return Buffer.concat(chunks).toString('utf8');
  }

  beforeAll(async () => {
    replica = await startReplica();
    dir = mkdtempSync(join(tmpdir(), 'pa-schema-'));
    db = join(dir, 'archive.sqlite');
    const { code } = await crawlCommand(
      {
        urls: replica.sites.map((s) => s.listingUrl),
        db,
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
  });

  afterAll(async () => {
    await replica.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('JSONL and JSON: schema_version first, every record valid', async () => {
    const total = replica.sites.reduce((n, s) => n + s.site.articles.length, 0);
    const lines = (await exportText({})).trimEnd().split('\n');
    const array = JSON.parse(await exportText({ format: 'json' })) as unknown[];
    expect(lines).toHaveLength(total);
    expect(array).toHaveLength(total);
    for (const [i, line] of lines.entries()) {
      expect(line.startsWith(`{"schema_version":${SCHEMA_VERSION},"url":`)).toBe(true);
      expectValid(validate, JSON.parse(line), `jsonl record ${i}`);
    }
    array.forEach((record, i) => expectValid(validate, record, `json record ${i}`));
    expect(array).toEqual(lines.map((l) => JSON.parse(l)));
    // The crawl exercised the optional shapes: null and non-null categories, authors, captions, images and related links.
    const records = array as Record<string, unknown>[];
    expect(records.some((r) => r.author === null) && records.some((r) => r.author !== null)).toBe(true);
    expect(records.some((r) => (r.images as unknown[]).length > 0) && records.some((r) => (r.related as unknown[]).length > 0)).toBe(true);
  });

  it('filtered exports and --fields projections validate too', async () => {
    for (const options of [{ query: 'đảng viên' }, { category: 'xay dung dang - chinh quyen' }, { query: '"phát triển"', format: 'json' }]) {
      const text = await exportText(options);
      const records = options.format === 'json' ? (JSON.parse(text) as unknown[]) : text.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
      expect(records.length, JSON.stringify(options)).toBeGreaterThan(0);
      for (const r of records) expectValid(validate, r, JSON.stringify(options));
    }
    const projected = (await exportText({ fields: 'title,published_at,images,url' })).trimEnd().split('\n').map((l) => JSON.parse(l) as object);
    for (const r of projected) {
      expect(Object.keys(r)).toEqual(['schema_version', 'title', 'published_at', 'images', 'url']);
      expectValid(validateProjection, r, 'projection');
      expect(validate(r)).toBe(false);
    }
  });

  it('an unknown --fields name is a one-line error naming the fields', async () => {
    const json = await runCli(['export', '--db', db, '--fields', 'title,views']);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    expect(json.stderr).toBe(`portal-archiver: unknown field "views": views is not a record field; fields: ${RECORD_FIELDS.join(', ')}\n`);
    await expect(exportText({ fields: 'image_count' })).rejects.toThrowError(
      /^unknown field "image_count": image_count is a CSV column only; fields: schema_version, url, /,
    );
    await expect(exportText({ format: 'csv', fields: 'url,schema_version' })).rejects.toThrowError(
      /^unknown field "schema_version": schema_version is not a CSV column; CSV columns: url, site, /,
    );
    await expect(exportText({ fields: 'url,title,url' })).rejects.toThrowError('field "url" is given twice in --fields');
  });
});
