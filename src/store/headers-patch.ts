/**
 * How a recapture's headers are kept: as a JSON merge patch (RFC 7396: a key set to null is removed) from the
 * headers of the capture it repeats, with the response's Date apart as epoch seconds. On a re-crawl the Date is
 * usually all that changed, and it then costs a small integer instead of a 40-byte string.
 */

export type Headers = Record<string, string>;
export type HeadersPatch = Record<string, string | null>;

export interface HeadersDelta {
  /** The Date header as epoch seconds, when it is an IMF-fixdate that formats back to the same text. */
  dateS: number | null;
  /** Everything else that differs; null when nothing does. */
  patch: HeadersPatch | null;
}

export function httpDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toUTCString();
}

function dateSeconds(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms % 1000 !== 0) return null;
  return httpDate(ms / 1000) === value ? ms / 1000 : null;
}

/** The merge patch that turns `base` into `current`, ignoring the keys in `skip`; null when there is nothing. */
export function mergePatch(base: Headers, current: Headers, skip: readonly string[] = []): HeadersPatch | null {
  const patch: HeadersPatch = {};
  for (const [key, value] of Object.entries(current)) {
    if (!skip.includes(key) && base[key] !== value) patch[key] = value;
  }
  for (const key of Object.keys(base)) {
    if (!skip.includes(key) && !(key in current)) patch[key] = null;
  }
  return Object.keys(patch).length === 0 ? null : patch;
}

/** `base` with the patch applied, keys in the base's order and new ones after. */
export function applyMergePatch(base: Headers, patch: HeadersPatch | null): Headers {
  const out: Headers = { ...base };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

export function headersPatch(base: Headers, current: Headers): HeadersDelta {
  const patch = mergePatch(base, current, ['date']) ?? {};
  const dateS = dateSeconds(current.date);
  if (dateS === null) {
    if (current.date !== undefined) patch.date = current.date;
    else if (base.date !== undefined) patch.date = null;
  }
  return { dateS, patch: Object.keys(patch).length === 0 ? null : patch };
}

/** The headers of the recapture: the base's, in the base's order, with the patch and the Date applied. */
export function applyHeadersPatch(base: Headers, delta: HeadersDelta): Headers {
  const out = applyMergePatch(base, delta.patch);
  if (delta.dateS !== null) out.date = httpDate(delta.dateS);
  return out;
}
