import type { Fetcher } from '../fetch/client.js';
import type { PageSource } from './index.js';

/** The portal itself: the crawl's fetcher (politeness, retries, charset) behind the source interface. */
export function liveSource(fetch: Fetcher): PageSource {
  return {
    kind: 'live',
    fetch: (url, request = {}) => {
      const { at: _at, ...rest } = request;
      return fetch(url, rest);
    },
  };
}
