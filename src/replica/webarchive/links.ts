/**
 * Memento links: the `Link` header of a memento and the link-format TimeMap. Memento URIs are view-mode URLs (no
 * flag) whatever mode was asked for, as on the Internet Archive.
 */
import type { Capture } from './capture.js';
import { httpDateOf } from './timestamp.js';

export interface LinkBase {
  /** `http://127.0.0.1:PORT/web` or `http://127.0.0.1:PORT/<coll>`. */
  prefix: string;
  /** Extra attributes on every memento link (pywb's `collection="<coll>"`). */
  extra?: string;
}

export const mementoUri = (b: LinkBase, c: Capture, flag = ''): string => `${b.prefix}/${c.timestamp}${flag}/${c.original}`;

/** first/prev/self/next/last, each capture once with its relations joined (`first memento`). */
export function mementoLinks(b: LinkBase, list: readonly Capture[], self: Capture): string[] {
  const i = list.indexOf(self);
  const roles = new Map<Capture, string[]>();
  const add = (c: Capture | undefined, role: string) => {
    if (c === undefined) return;
    roles.set(c, [...(roles.get(c) ?? []), role]);
  };
  add(list[0], 'first');
  if (i > 0) add(list[i - 1], 'prev');
  add(self, '');
  if (i >= 0 && i < list.length - 1) add(list[i + 1], 'next');
  add(list.at(-1), 'last');
  const ordered = [...roles.keys()].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return ordered.map((c) => {
    const rel = [...roles.get(c)!.filter(Boolean), 'memento'].join(' ');
    return `<${mementoUri(b, c)}>; rel="${rel}"; datetime="${httpDateOf(c.timestamp)}"${b.extra ?? ''}`;
  });
}

export function linkHeader(b: LinkBase, list: readonly Capture[], self: Capture): string {
  return [
    `<${self.original}>; rel="original"`,
    `<${b.prefix}/timemap/link/${self.original}>; rel="timemap"; type="application/link-format"`,
    `<${b.prefix}/${self.original}>; rel="timegate"`,
    ...mementoLinks(b, list, self),
  ].join(', ');
}

/** The link-format TimeMap: original, self (with `from`), timegate, then one line per memento, oldest first. */
export function timemapLink(b: LinkBase, requested: string, list: readonly Capture[], order: 'ia' | 'pywb'): string {
  if (list.length === 0) return '';
  const first = list[0]!;
  const original = `<${order === 'ia' ? first.original : requested}>; rel="original"`;
  const self = `<${b.prefix}/timemap/link/${requested}>; rel="self"; type="application/link-format"; from="${httpDateOf(first.timestamp)}"`;
  const gate = `<${b.prefix}/${requested}>; rel="timegate"`;
  const head = order === 'ia' ? [original, self, gate] : [self, gate, original];
  const mementos = list.map((c, i) => {
    const rel = [i === 0 ? 'first' : '', i === list.length - 1 ? 'last' : '', 'memento'].filter(Boolean).join(' ');
    return `<${mementoUri(b, c)}>; rel="${rel}"; datetime="${httpDateOf(c.timestamp)}"${b.extra ?? ''}`;
  });
  return [...head, ...mementos].join(',\n') + '\n';
}
