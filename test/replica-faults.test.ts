import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_FAULT_KINDS,
  faultFor,
  generateSite,
  listingUrl,
  resolveFaults,
  startReplica,
  type FaultKind,
  type FaultOptions,
  type Replica,
} from '../src/replica/index.js';

/** What a plain node:http client saw: the status and bytes if any arrived, and how the exchange ended. */
interface Seen {
  status: number | null;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The response body arrived whole (node's `res.complete`). */
  complete: boolean;
  /** The error code when the exchange failed (ECONNRESET, ...), or 'timeout'. */
  error: string | null;
  ms: number;
}

/** One GET on a fresh connection (no keep-alive), so a fault on one request cannot leak into the next. */
function rawGet(url: string, opts: { timeoutMs?: number; method?: string } = {}): Promise<Seen> {
  const started = performance.now();
  return new Promise((resolve) => {
    const seen: Seen = { status: null, headers: {}, body: Buffer.alloc(0), complete: false, error: null, ms: 0 };
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (error: string | null) => {
      if (settled) return;
      settled = true;
      seen.error = error;
      seen.body = Buffer.concat(chunks);
      seen.ms = performance.now() - started;
      resolve(seen);
    };
    const req = httpRequest(url, { method: opts.method ?? 'GET', agent: false }, (res) => {
      seen.status = res.statusCode ?? null;
      seen.headers = res.headers;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        seen.complete = res.complete;
        done(null);
      });
      res.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
      res.on('close', () => done(res.complete ? null : 'aborted'));
    });
    req.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    if (opts.timeoutMs !== undefined) {
      req.setTimeout(opts.timeoutMs, () => {
        done('timeout');
        req.destroy();
      });
    }
    req.end();
  });
}

let replica: Replica | null = null;

afterEach(async () => {
  await replica?.close();
  replica = null;
});

async function faulty(faults: FaultOptions): Promise<{ replica: Replica; url: string; origin: string }> {
  replica = await startReplica({ siteIds: ['tuachua'], faults });
  const s = replica.sites[0]!;
  return { replica, url: s.listingUrl, origin: s.origin };
}

const lastEntry = (r: Replica) => r.requests.at(-1)!;

describe('fault kinds (rate 1: every first request is faulted, the next one is answered)', () => {
  it('500: the ASP.NET error page, then the page', async () => {
    const { replica: r, url } = await faulty({ rate: 1, kinds: ['500'] });
    const first = await rawGet(url);
    expect(first.status).toBe(500);
    expect(first.body.toString()).toContain('Runtime Error');
    expect(lastEntry(r)).toMatchObject({ fault: '500', status: 500 });
    const second = await rawGet(url);
    expect(second.status).toBe(200);
    expect(second.body.toString()).toContain('<strong>1-5</strong> of <strong>17</strong>');
    expect(lastEntry(r).fault).toBeUndefined();
    expect(lastEntry(r).status).toBe(200);
  });

  for (const kind of ['503', '429'] as const) {
    it(`${kind}: Retry-After in seconds by default, as an HTTP-date when asked`, async () => {
      const { replica: r, url } = await faulty({ rate: 1, kinds: [kind], retryAfterSeconds: 3 });
      const first = await rawGet(url);
      expect(first.status).toBe(Number(kind));
      expect(first.headers['retry-after']).toBe('3');
      expect(lastEntry(r)).toMatchObject({ fault: kind, status: Number(kind) });
      expect((await rawGet(url)).status).toBe(200);
      await r.close();

      const dated = await startReplica({ siteIds: ['tuachua'], faults: { rate: 1, kinds: [kind], retryAfterSeconds: 3, retryAfterForm: 'date' } });
      replica = dated;
      const before = Date.now();
      const res = await rawGet(dated.sites[0]!.origin + '/TinTuc/?PageIndex=2');
      const at = Date.parse(String(res.headers['retry-after']));
      expect(res.status).toBe(Number(kind));
      expect(String(res.headers['retry-after'])).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
      // Whole seconds, rounded up: never less than the 3 s asked, at most a second more.
      expect(at).toBeGreaterThanOrEqual(before + 3000);
      expect(at).toBeLessThanOrEqual(Date.now() + 4000);
    });
  }

  it('reset: the connection is reset before any response', async () => {
    const { replica: r, url } = await faulty({ rate: 1, kinds: ['reset'] });
    const first = await rawGet(url);
    expect(first.status).toBeNull();
    expect(first.error).toBe('ECONNRESET');
    expect(lastEntry(r).fault).toBe('reset');
    expect(lastEntry(r).status).toBeUndefined();
    expect((await rawGet(url)).status).toBe(200);
  });

  it('truncate: the full Content-Length, part of the bytes, then the connection ends', async () => {
    const { replica: r, url } = await faulty({ rate: 1, kinds: ['truncate'] });
    const first = await rawGet(url);
    const declared = Number(first.headers['content-length']);
    expect(first.status).toBe(200);
    expect(first.complete).toBe(false);
    expect(first.error).not.toBeNull();
    expect(first.body.length).toBeGreaterThan(0);
    expect(first.body.length).toBeLessThan(declared);
    expect(lastEntry(r)).toMatchObject({ fault: 'truncate', status: 200 });
    const second = await rawGet(url);
    expect(second.complete).toBe(true);
    expect(second.body.length).toBe(declared);
    // The truncated bytes are the start of the real page.
    expect(second.body.subarray(0, first.body.length).equals(first.body)).toBe(true);
  });

  it('slow: the page, after slowMs', async () => {
    const { replica: r, url } = await faulty({ rate: 1, kinds: ['slow'], slowMs: 400 });
    const first = await rawGet(url);
    expect(first.status).toBe(200);
    expect(first.complete).toBe(true);
    expect(first.ms).toBeGreaterThanOrEqual(390);
    expect(lastEntry(r)).toMatchObject({ fault: 'slow', status: 200 });
    const second = await rawGet(url);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.ms).toBeLessThan(390);
  });

  it('hang: no answer until the client gives up; close() ends hung sockets', async () => {
    const { replica: r, url, origin } = await faulty({ rate: 1, kinds: ['hang'] });
    const first = await rawGet(url, { timeoutMs: 300 });
    expect(first.error).toBe('timeout');
    expect(first.status).toBeNull();
    expect(first.ms).toBeGreaterThanOrEqual(290);
    expect(lastEntry(r).fault).toBe('hang');
    expect(lastEntry(r).status).toBeUndefined();
    expect((await rawGet(url)).status).toBe(200);

    // A request still hanging when the replica closes: close() must not wait for it, and the client sees the end.
    const pending = rawGet(`${origin}/TinTuc/?PageIndex=2`);
    await new Promise((res) => setTimeout(res, 100));
    const t0 = performance.now();
    await r.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    const hung = await pending;
    expect(hung.status).toBeNull();
    expect(hung.error).not.toBeNull();
  });

  it('close() clears a pending slow answer and resolves at once', async () => {
    const { replica: r, url } = await faulty({ rate: 1, kinds: ['slow'], slowMs: 5000 });
    const pending = rawGet(url);
    await new Promise((res) => setTimeout(res, 100));
    const t0 = performance.now();
    await r.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect((await pending).status).toBeNull();
  });
});

describe('fault choice', () => {
  const f = resolveFaults({ rate: 0.25, seed: 7 });
  const targets = Array.from({ length: 400 }, (_, i) => `/TinTuc/?PageIndex=${i + 1}`);

  it('is a function of seed, site and target: the same inputs, the same faults', () => {
    const a = targets.map((t) => faultFor(f, 'gen', t, 0));
    expect(targets.map((t) => faultFor(resolveFaults({ rate: 0.25, seed: 7 }), 'gen', t, 0))).toEqual(a);
    expect(targets.map((t) => faultFor(resolveFaults({ rate: 0.25, seed: 8 }), 'gen', t, 0))).not.toEqual(a);
    expect(targets.map((t) => faultFor(f, 'other', t, 0))).not.toEqual(a);
  });

  it('faults about `rate` of first requests, every default kind among them, and never a later request by default', () => {
    const chosen = targets.map((t) => faultFor(f, 'gen', t, 0)).filter((k): k is FaultKind => k !== null);
    expect(chosen.length / targets.length).toBeGreaterThan(0.18);
    expect(chosen.length / targets.length).toBeLessThan(0.32);
    expect(new Set(chosen)).toEqual(new Set(DEFAULT_FAULT_KINDS));
    expect(chosen).not.toContain('hang');
    expect(targets.some((t) => faultFor(f, 'gen', t, 1) !== null)).toBe(false);
    expect(targets.map((t) => faultFor(resolveFaults({ rate: 0, seed: 7 }), 'gen', t, 0)).every((k) => k === null)).toBe(true);
  });

  it("with only: 'all', retries are drawn afresh and may fail again", () => {
    const all = resolveFaults({ rate: 0.5, seed: 7, only: 'all' });
    const again = targets.filter((t) => faultFor(all, 'gen', t, 0) !== null && faultFor(all, 'gen', t, 1) !== null);
    expect(again.length).toBeGreaterThan(50);
    expect(again.length).toBeLessThan(150);
  });

  it('rejects a bad rate or kind', () => {
    expect(() => resolveFaults({ rate: 1.5 })).toThrow(/rate/);
    expect(() => resolveFaults({ rate: 0.1, kinds: ['418' as FaultKind] })).toThrow(/418/);
    expect(() => resolveFaults({ rate: 0.1, kinds: [] })).toThrow(/kinds/);
  });

  it('repeats on a new replica with the same seed, request for request', async () => {
    const site = generateSite({ id: 'faulty', articles: 200 });
    const paths = Array.from({ length: 20 }, (_, i) => listingUrl(site, i + 1));
    const run = async (seed: number) => {
      const r = await startReplica({ sites: [site], faults: { rate: 0.25, seed, slowMs: 10 } });
      try {
        for (const p of paths) await rawGet(r.sites[0]!.origin + p);
        return r.requests.map((e) => `${e.url} ${e.fault ?? '-'} ${e.status ?? '-'}`);
      } finally {
        await r.close();
      }
    };
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(first.some((l) => !l.endsWith(' - 200'))).toBe(true);
    expect(await run(4)).not.toEqual(first);
  });

  it('leaves robots.txt alone unless faults.robots is set', async () => {
    const robots = 'User-agent: *\nDisallow: /Cms_Data/\n';
    const clean = await startReplica({ siteIds: ['tuachua'], robots, faults: { rate: 1, kinds: ['500'] } });
    replica = clean;
    expect((await rawGet(clean.sites[0]!.origin + '/robots.txt')).status).toBe(200);
    expect((await rawGet(clean.sites[0]!.listingUrl)).status).toBe(500);
    await clean.close();
    const faultyRobots = await startReplica({ siteIds: ['tuachua'], robots, faults: { rate: 1, kinds: ['500'], robots: true } });
    replica = faultyRobots;
    expect((await rawGet(faultyRobots.sites[0]!.origin + '/robots.txt')).status).toBe(500);
    expect((await rawGet(faultyRobots.sites[0]!.origin + '/robots.txt')).status).toBe(200);
  });
});

describe('a client that retries', () => {
  it('gets every page of a portal answering a quarter of first requests with faults, in at most two tries', async () => {
    const site = generateSite({ id: 'retry', articles: 120 });
    const r = await startReplica({ sites: [site], faults: { rate: 0.25, seed: 11, slowMs: 50, retryAfterSeconds: 0 } });
    replica = r;
    const origin = r.sites[0]!.origin;
    const paths = [
      ...Array.from({ length: 12 }, (_, i) => listingUrl(site, i + 1)),
      ...site.articles.slice(0, 60).map((a) => `/TinTuc/View/${encodeURIComponent(a.slug)}`),
    ];
    const tries: number[] = [];
    for (const p of paths) {
      let n = 0;
      let res: Seen;
      do {
        n++;
        res = await rawGet(origin + p, { timeoutMs: 5000 });
      } while (!(res.status === 200 && res.complete) && n < 5);
      expect(res.status, p).toBe(200);
      expect(res.complete, p).toBe(true);
      tries.push(n);
    }
    expect(Math.max(...tries)).toBe(2);
    const faulted = r.requests.filter((e) => e.fault !== undefined);
    // Slow answers succeed on the first try; every other fault costs exactly one retry.
    expect(tries.filter((n) => n === 2).length).toBe(faulted.filter((e) => e.fault !== 'slow').length);
    expect(new Set(faulted.map((e) => e.fault)).size).toBeGreaterThanOrEqual(4);
  });
});
