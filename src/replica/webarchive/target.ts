/** Splits a replay path (`<ts><flag>/<url>`) and reads the archived URL the way Wayback does. */
import { parseLoose } from './surt.js';

export interface ReplayTarget {
  /** 1 to 14 digits, or '' for a TimeGate request (no timestamp). */
  ts: string;
  /** `id_`, `if_`, ... or '' (view mode). */
  flag: string;
  /** The archived URL as asked, with its query; a missing scheme reads as http. */
  url: string;
}

export function parseTarget(rest: string): ReplayTarget | null {
  const m = /^(\d{1,14})([a-z]{2}_)?\/(.+)$/s.exec(rest);
  const [ts, flag, raw] = m ? [m[1]!, m[2] ?? '', m[3]!] : ['', '', rest];
  if (raw === '') return null;
  const parsed = parseLoose(raw);
  if (!parsed) return null;
  // Browsers and proxies collapse `http://` to `http:/`; Wayback reads both.
  const url = /^[a-z][a-z0-9+.-]*:\//i.test(raw) ? raw.replace(/^(https?:)\/+/i, '$1//') : `http://${raw}`;
  return { ts, flag, url };
}
