/** The exit codes the README documents; the bin script is the only place that hands one to the process. */
export const EXIT = {
  ok: 0,
  /** Bad usage or input: unknown command or option, bad URL, missing database, unknown format. */
  usage: 1,
  /** The crawl finished but some URLs failed; they are recorded in the database. */
  partial: 2,
  /** A bug: an error the program did not expect. */
  internal: 70,
} as const;
