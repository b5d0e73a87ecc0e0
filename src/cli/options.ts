import { UsageError } from '../errors.js';

export function positiveInt(name: string, min = 1): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
      throw new UsageError(`${name} must be a whole number of at least ${min}, not "${value}"`);
    }
    return Number(value);
  };
}

/** A seed URL: absolute, http or https. */
export function seedUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`invalid URL "${value}": give a full address such as https://tuachua.dienbien.gov.vn/TinTuc/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`unsupported scheme "${url.protocol}" in ${value}: only http and https portals can be crawled`);
  }
  return url.href;
}

/** A number above zero (decimals allowed), e.g. a rate. */
export function positiveNumber(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value.trim());
    if (!/^\d*\.?\d+$/.test(value.trim()) || !(n > 0)) throw new UsageError(`${name} must be a number above 0, not "${value}"`);
    return n;
  };
}
