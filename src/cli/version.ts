import { readFileSync } from 'node:fs';

interface PackageInfo {
  version: string;
  homepage: string;
}

/** package.json, read next to the compiled file (dist/cli -> ../../package.json): one source for both values. */
function packageInfo(): PackageInfo {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageInfo;
}

export function packageVersion(): string {
  return packageInfo().version;
}

/** Names the tool, its version and where to read about it, so a portal's operator can tell who is calling. */
export function defaultUserAgent(): string {
  const { version, homepage } = packageInfo();
  return `portal-archiver/${version} (+${homepage})`;
}
