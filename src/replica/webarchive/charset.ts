/**
 * windows-1258, the legacy Vietnamese code page, for the archived page whose headers name no charset: letters
 * with a tone mark are written as a base letter plus a combining tone, as that code page requires. The table is
 * read from the platform's own decoder, so no encoder library is needed; characters outside it become numeric
 * character references, as browsers submit them.
 */
let table: Map<string, number> | null = null;

function encoderTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('windows-1258');
  table = new Map();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\ufffd' && !table.has(ch)) table.set(ch, b);
  }
  return table;
}

export function encodeWindows1258(text: string): Buffer {
  const t = encoderTable();
  const out: number[] = [];
  const chars = [...text.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    // â, ê, ô, ă, ơ, ư are single bytes: compose the base with its vowel mark, keep the tone separate.
    const pair = next === undefined ? undefined : (c + next).normalize('NFC');
    if (pair !== undefined && pair.length === 1 && t.has(pair)) {
      out.push(t.get(pair)!);
      i++;
      continue;
    }
    const b = t.get(c);
    if (b !== undefined) out.push(b);
    else for (const x of Buffer.from(`&#${c.codePointAt(0)};`, 'latin1')) out.push(x);
  }
  return Buffer.from(out);
}
