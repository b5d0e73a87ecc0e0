/**
 * Reads `Retry-After` in both its forms (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date. Returns the wait in
 * milliseconds from `now`, or null when the header is absent or unreadable.
 */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
