/**
 * Scoring of the trafilatura evaluation set, as its README and trafilatura's own comparison script do: in the
 * extracted text with its whitespace collapsed, each `with` snippet found is a true positive and each one missing a
 * false negative; each `without` snippet found is a false positive, each one absent a true negative. A page the
 * extractor refused counts all its `with` snippets as false negatives and its `without` snippets as true negatives.
 * Counts are summed over pages before precision, recall and F1 are computed.
 */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Expectation {
  with: string[];
  without: string[];
}

export interface PageScore extends Counts {
  /** `with` snippets not found and `without` snippets found, for the worst-pages listing. */
  missing: string[];
  unwanted: string[];
}

export function collapse(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(' ');
}

export function scorePage(text: string | null, expected: Expectation): PageScore {
  const score: PageScore = { tp: 0, fp: 0, fn: 0, tn: 0, missing: [], unwanted: [] };
  if (text === null) {
    score.fn = expected.with.length;
    score.tn = expected.without.length;
    score.missing = [...expected.with];
    return score;
  }
  const haystack = collapse(text);
  for (const snippet of expected.with) {
    if (haystack.includes(collapse(snippet))) score.tp++;
    else {
      score.fn++;
      score.missing.push(snippet);
    }
  }
  for (const snippet of expected.without) {
    if (haystack.includes(collapse(snippet))) {
      score.fp++;
      score.unwanted.push(snippet);
    } else score.tn++;
  }
  return score;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

export interface Metrics {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export function metrics(c: Counts): Metrics {
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    accuracy: ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
  };
}

/** The value at quantile q (0..1) of the numbers, nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}
