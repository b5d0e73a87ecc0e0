/**
 * The record's URL for a page no profile knows: the URL it was fetched under, without the fragment and the
 * parameters that only track or redirect (`utm_*`, `fbclid`, Liferay's `redirect` and `inheritRedirect`), so one
 * article reached from several places is one record. Other parameters may name the article and are kept.
 */
const TRACKING = /^(?:utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_[a-z]+|_ga|redirect|inheritredirect|p_p_auth)$/i;

export function pageUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.search && !parsed.hash) return parsed.href;
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) if (TRACKING.test(key)) parsed.searchParams.delete(key);
  return parsed.href;
}
