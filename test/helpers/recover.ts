import { Agent, type Dispatcher } from 'undici';
import { type RecoverCommandOptions } from '../../src/cli/recover.js';

/** Options for an in-process recovery: fast rates (the politeness test sets its own), short waits. */
export function recoverOptions(urls: string[], db: string, archive: string, extra: Partial<RecoverCommandOptions> = {}): RecoverCommandOptions {
  return {
    urls,
    db,
    archive,
    from: null,
    to: null,
    dryRun: false,
    cdxPerMinute: 6000,
    replaysPerSecond: 400,
    concurrency: 4,
    rateLimitWaitMs: 200,
    backoffMs: 50,
    retries: 5,
    timeout: 10_000,
    cdxPageSize: 5000,
    userAgent: 'portal-archiver-test',
    ...extra,
  };
}

/**
 * A dispatcher that records the origin of every connection it opens: proof of where requests went. A request to
 * any other origin than the ones allowed is refused before it leaves the process.
 */
export function recordingDispatcher(allowed: string[]): { dispatcher: Dispatcher; origins: string[]; close(): Promise<void> } {
  const origins: string[] = [];
  const agent = new Agent({ connections: 8 });
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const origin = String(opts.origin);
    origins.push(origin);
    if (!allowed.includes(origin)) throw new Error(`request to ${origin}${opts.path} refused by the test`);
    return dispatch(opts, handler);
  });
  return { dispatcher, origins, close: () => agent.close() };
}
