import { extractListing, type ListingPage } from '../extract/listing.js';
import { extractPage, type ProfileChoice } from '../extract/page.js';
import type { ExtractedArticle } from '../extract/record.js';
import { decodeHtml } from '../fetch/decode.js';
import { compressBody } from '../store/blobs.js';
import { profileById, profiles } from '../profiles/index.js';
import { PortalArchiverError } from '../errors.js';
import { recognise } from './seed.js';
import { type RecognisedSeedOnWire, seedToWire } from './seed-wire.js';

/**
 * What the crawl (and reextract) hand to an extractor: the raw body as fetched and what is needed to read it. Plain
 * data, so a job can cross to a worker thread; decoding happens where the extraction does, and so does compressing
 * the body for storage when `compress` asks for it (the archive does not hold it yet).
 */
interface JobBase {
  url: string;
  body: Uint8Array;
  contentType: string | undefined;
  compress?: boolean;
}

export type ExtractJob =
  | (JobBase & { kind: 'article'; profile: ProfileChoice; categoryHint?: string | null })
  | (JobBase & { kind: 'listing'; profile: string })
  // A seed page: which family's profile claims it, and whether it is a listing or an article (crawl/seed.ts).
  | (JobBase & { kind: 'seed' });

export interface JobOutput<T> {
  value: T;
  /** The body compressed as the archive stores it (`compressBody`), when the job asked for it. */
  compressed: Uint8Array | null;
}

export type JobResult<J extends ExtractJob> = JobOutput<
  J extends { kind: 'article' } ? ExtractedArticle : J extends { kind: 'seed' } ? RecognisedSeedOnWire | null : ListingPage
>;

/** Runs extraction jobs somewhere (a worker pool, or the calling thread) and is stopped when the run ends. */
export interface Extractor {
  run<J extends ExtractJob>(job: J): Promise<JobResult<J>>;
  close(): Promise<void>;
}

function asBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Decodes the body as the crawl always has (src/fetch/decode.ts), extracts, and compresses the body when asked.
 * Pure: no I/O, no clock.
 */
export function runJob(job: ExtractJob): JobOutput<ExtractedArticle | ListingPage | RecognisedSeedOnWire | null> {
  const body = asBuffer(job.body);
  const value = extract(job, decodeHtml(body, job.contentType));
  return { value, compressed: job.compress ? compressBody(body, job.contentType) : null };
}

function extract(job: ExtractJob, html: string): ExtractedArticle | ListingPage | RecognisedSeedOnWire | null {
  if (job.kind === 'seed') {
    const seed = recognise(job.url, html, profiles);
    return seed && seedToWire(seed);
  }
  if (job.kind === 'article') {
    return extractPage(html, job.url, {
      profile: job.profile,
      ...(job.categoryHint !== undefined ? { categoryHint: job.categoryHint } : {}),
    });
  }
  const profile = profileById(job.profile);
  if (!profile) throw new PortalArchiverError(`unknown profile "${job.profile}"`, { policy: 'abort', url: job.url });
  return extractListing(html, job.url, { profile });
}

/** Extraction on the calling thread: what runs where no built worker script exists (tests run the sources). */
export const inlineExtractor: Extractor = {
  run: async (job) => runJob(job) as JobResult<typeof job>,
  close: async () => {},
};

/** An error as it crosses from a worker: its class is lost, so its name, message and policy travel instead. */
export interface WireError {
  name: string;
  message: string;
  policy: string | null;
  url: string | null;
}

export function toWire(err: unknown): WireError {
  if (err instanceof PortalArchiverError) return { name: err.name, message: err.message, policy: err.policy, url: err.url ?? null };
  if (err instanceof Error) return { name: err.name, message: err.message, policy: null, url: null };
  return { name: 'Error', message: String(err), policy: null, url: null };
}
