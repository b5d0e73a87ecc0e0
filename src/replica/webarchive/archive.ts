/** The archive's holdings, indexed for CDX (rows in CDX order, duplicates included) and for replay (by urlkey). */
import { cdxOrder, type Capture } from './capture.js';

export interface ArchiveData {
  captures: Capture[];
  /** Hosts (without `www.`) the archive refuses: 403 with the blocked-site error. */
  blockedHosts: string[];
  /** pywb-style collections: name → the hosts (without `www.`) whose captures it holds. */
  collections: Record<string, string[]>;
}

export interface ArchiveIndex {
  rows: Capture[];
  /** Distinct captures (a duplicate CDX line is one capture) per urlkey, oldest first. */
  byKey: Map<string, Capture[]>;
  blocked: ReadonlySet<string>;
  /** Collection name → its own rows and byKey. */
  collections: Map<string, { rows: Capture[]; byKey: Map<string, Capture[]> }>;
}

function keyed(rows: Capture[]): Map<string, Capture[]> {
  const byKey = new Map<string, Capture[]>();
  for (const c of rows) {
    const list = byKey.get(c.urlkey) ?? [];
    if (!list.includes(c)) list.push(c);
    byKey.set(c.urlkey, list);
  }
  return byKey;
}

export function hostOfKey(urlkey: string): string {
  const hostPart = urlkey.slice(0, urlkey.indexOf(')')).replace(/:\d+$/, '');
  return hostPart.split(',').reverse().join('.');
}

export function indexArchive(data: ArchiveData): ArchiveIndex {
  const rows = cdxOrder(data.captures);
  const collections = new Map<string, { rows: Capture[]; byKey: Map<string, Capture[]> }>();
  for (const [name, hosts] of Object.entries(data.collections)) {
    const set = new Set(hosts.map((h) => h.toLowerCase().replace(/^www\d*\./, '')));
    const own = rows.filter((c) => set.has(hostOfKey(c.urlkey)));
    collections.set(name, { rows: own, byKey: keyed(own) });
  }
  return { rows, byKey: keyed(rows), blocked: new Set(data.blockedHosts.map((h) => h.toLowerCase().replace(/^www\d*\./, ''))), collections };
}
