/**
 * A unified diff of two lists of lines, for `history --diff`. The edit script is a longest common subsequence
 * over what remains once the common head and tail are set aside, which is small for an edited article; past
 * MAX_CELLS (two very different long texts) the middle is shown as removed and added whole rather than spend
 * seconds and hundreds of megabytes on a finer script nobody reads.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

const MAX_CELLS = 4_000_000;

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  if ((x.length + 1) * (y.length + 1) > MAX_CELLS) {
    ops.push(...x.map((line): Op => ({ kind: '-', line })), ...y.map((line): Op => ({ kind: '+', line })));
  } else {
    ops.push(...lcsScript(x, y));
  }
  ops.push(...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

/** Classic dynamic programme: lengths[i][j] is the LCS of x[i..] and y[j..]; then walk it forwards. */
function lcsScript(x: readonly string[], y: readonly string[]): Op[] {
  const width = y.length + 1;
  const lengths = new Uint32Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        x[i] === y[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      ops.push({ kind: ' ', line: x[i]! });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      ops.push({ kind: '-', line: x[i++]! });
    } else {
      ops.push({ kind: '+', line: y[j++]! });
    }
  }
  while (i < x.length) ops.push({ kind: '-', line: x[i++]! });
  while (j < y.length) ops.push({ kind: '+', line: y[j++]! });
  return ops;
}

function range(start: number, count: number): string {
  // An empty range names the line before it (0 at the top), as diff -u does.
  return `${count === 0 ? start : start + 1},${count}`;
}

/** `diff -u` style text (headers, then hunks with `context` lines around each change); only headers when equal. */
export function unifiedDiff(
  a: readonly string[],
  b: readonly string[],
  labels: { from: string; to: string },
  context = 3,
): string {
  const ops = editScript(a, b);
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  const changes = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  let c = 0;
  while (c < changes.length) {
    const start = Math.max(0, changes[c]! - context);
    let last = changes[c]!;
    // As diff -u: changes at most 2 * context unchanged lines apart share a hunk (their contexts would touch).
    while (c + 1 < changes.length && changes[c + 1]! - last - 1 <= 2 * context) last = changes[++c]!;
    c++;
    const end = Math.min(ops.length, last + context + 1);
    const before = ops.slice(0, start);
    const hunk = ops.slice(start, end);
    const aBefore = before.filter((o) => o.kind !== '+').length;
    const bBefore = before.filter((o) => o.kind !== '-').length;
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(aBefore, aCount)} +${range(bBefore, bCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
  }
  return `${out.join('\n')}\n`;
}
