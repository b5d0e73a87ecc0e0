/**
 * Label matching. Labels are compared case-insensitively on normalised text and may be followed by a colon;
 * diacritics are kept because `Các tin khác` and `Cac tin khac` are different words to a Vietnamese reader and
 * the portals always print them.
 */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function labelRe(labels: string[]): RegExp {
  return new RegExp(`^\\s*(?:${labels.map(escape).join('|')})\\s*:?\\s*`, 'iu');
}

const cache = new Map<string, RegExp>();

function cached(labels: string[]): RegExp {
  const key = labels.join('\u0000');
  let re = cache.get(key);
  if (!re) {
    re = labelRe(labels);
    cache.set(key, re);
  }
  return re;
}

/** The text after a leading label, or null when the text does not start with one of the labels. */
export function afterLabel(text: string, labels: string[]): string | null {
  const match = cached(labels).exec(text);
  return match ? text.slice(match[0].length) : null;
}

/** The text is the label alone (with an optional colon). */
export function isLabelOnly(text: string, labels: string[]): boolean {
  const rest = afterLabel(text, labels);
  return rest !== null && rest.trim() === '';
}
