/** The exit codes the README documents; the bin script is the only place that hands one to the process. */
export const EXIT = {
  ok: 0,
  /** Bad usage or input: unknown command or option, bad URL, missing database, unknown format. */
  usage: 1,
  /** The crawl finished but some URLs failed; they are recorded in the database and shown by `status`. */
  partial: 2,
  /** `verify` read the whole archive and found damage: each problem is printed on stdout. */
  damaged: 3,
  /** A bug: an error the program did not expect. */
  internal: 70,
  /** The archive is locked by another crawl (EX_TEMPFAIL): try again later. */
  locked: 75,
  /** Stopped by SIGINT (128 + 2). */
  interrupted: 130,
  /** stdout was closed by its reader (a pipe into `head`): stopped quietly, as SIGPIPE would stop it (128 + 13). */
  brokenPipe: 141,
  /** Stopped by SIGTERM (128 + 15). */
  terminated: 143,
} as const;
