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

const inlineCache = new Map<string, RegExp>();

/**
 * A label anywhere in a block, as templates that print the byline and the date on one line do
 * (`Tác giả: Hương Giang | Thời gian đăng: 01/10/2019 09:59:54 AM`). Away from the start of the block the label must
 * be followed by a colon, so prose that merely contains the words (`thời gian đăng ký`) is not taken for it.
 */
export function splitAtLabel(text: string, labels: string[]): { before: string; after: string } | null {
  const key = labels.join('\u0000');
  let re = inlineCache.get(key);
  if (!re) {
    const names = labels.map(escape).join('|');
    re = new RegExp(`^\\s*(?:${names})\\s*(?::|(?=\\d))\\s*|(?<=^|[\\s|·•,;–—-])(?:${names})\\s*:\\s*`, 'iu');
    inlineCache.set(key, re);
  }
  const match = re.exec(text);
  if (!match) return null;
  return { before: text.slice(0, match.index).replace(/[\s|·•,;–—-]+$/u, ''), after: text.slice(match.index + match[0].length) };
}

const colonCache = new Map<string, RegExp>();

/**
 * The text after a leading label that is followed by a colon (`Tác giả: Vũ Hoa`), or null. Stricter than
 * `afterLabel`: prose that merely starts with the word (`Nguồn nước sạch ...`) is not a label.
 */
export function afterColonLabel(text: string, labels: string[]): string | null {
  const key = labels.join('\u0000');
  let re = colonCache.get(key);
  if (!re) {
    re = new RegExp(`^\\s*\\(?\\s*(?:${labels.map(escape).join('|')})\\s*:\\s*`, 'iu');
    colonCache.set(key, re);
  }
  const match = re.exec(text);
  return match ? text.slice(match[0].length) : null;
}
