import { UsageError } from '../errors.js';

/**
 * curl's `--connect-to HOST1:PORT1:HOST2:PORT2`: a request for HOST1:PORT1 opens its connection to HOST2:PORT2
 * instead, while the URL, the Host header, TLS SNI and everything recorded keep HOST1. An empty HOST1 or PORT1
 * matches any; an empty HOST2 or PORT2 keeps the original. For testing against a local copy of a site under its
 * real name, and for mirrors.
 */
export interface ConnectRule {
  fromHost: string | null;
  fromPort: number | null;
  toHost: string | null;
  toPort: number | null;
}

/** `host`, `[v6]` or empty, then `:`; returns the part and the rest. */
function takeHost(spec: string): [string, string] | null {
  if (spec.startsWith('[')) {
    const end = spec.indexOf(']');
    if (end < 0 || spec[end + 1] !== ':') return null;
    return [spec.slice(1, end), spec.slice(end + 2)];
  }
  const colon = spec.indexOf(':');
  return colon < 0 ? null : [spec.slice(0, colon), spec.slice(colon + 1)];
}

function port(text: string, spec: string): number | null {
  if (text === '') return null;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new UsageError(`--connect-to ${spec}: "${text}" is not a port number`);
  }
  return Number(text);
}

export function parseConnectTo(spec: string): ConnectRule {
  const bad = () => new UsageError(`--connect-to ${spec}: give HOST1:PORT1:HOST2:PORT2, e.g. tuachua.dienbien.gov.vn:80:127.0.0.1:8080`);
  const first = takeHost(spec);
  if (!first) throw bad();
  const [fromHost, rest1] = first;
  const colon = rest1.indexOf(':');
  if (colon < 0) throw bad();
  const fromPort = port(rest1.slice(0, colon), spec);
  const second = takeHost(rest1.slice(colon + 1));
  if (!second) throw bad();
  const [toHost, toPortText] = second;
  if (toPortText.includes(':')) throw bad();
  return {
    fromHost: fromHost === '' ? null : fromHost.toLowerCase(),
    fromPort,
    toHost: toHost === '' ? null : toHost,
    toPort: port(toPortText, spec),
  };
}

/** Where a connection for `hostname:port` goes: the first rule that matches, else where it was going. */
export function connectTarget(rules: readonly ConnectRule[], hostname: string, port: number): { hostname: string; port: number } {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  for (const rule of rules) {
    if ((rule.fromHost === null || rule.fromHost === host) && (rule.fromPort === null || rule.fromPort === port)) {
      return { hostname: rule.toHost ?? hostname, port: rule.toPort ?? port };
    }
  }
  return { hostname, port };
}
