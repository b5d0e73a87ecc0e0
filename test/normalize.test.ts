import { describe, expect, it } from 'vitest';
import { normalizeLine, normalizeParagraph } from '../src/text/normalize.js';

describe('Vietnamese text normalisation', () => {
  it('turns the Latin eth look-alikes into Vietnamese đ/Đ', () => {
    expect(normalizeLine('\u00d0ảng bộ x\u00e3 \u00f0ã')).toBe('\u0110ảng bộ xã \u0111ã');
  });

  it('composes decomposed (NFD) text', () => {
    const nfd = 'Tủa Chùa'.normalize('NFD');
    expect(nfd).not.toBe('Tủa Chùa');
    expect(normalizeLine(nfd)).toBe('Tủa Chùa');
  });

  it('makes no-break spaces plain and folds whitespace', () => {
    expect(normalizeLine('  huyện\u00a0Tủa\t\tChùa.\u00a0 ')).toBe('huyện Tủa Chùa.');
  });

  it('reads a literal \\r\\n as a line break: a space on one line, kept in a paragraph', () => {
    const leaked = 'các em thiếu\\r\\nnhi vui';
    expect(normalizeLine(leaked)).toBe('các em thiếu nhi vui');
    expect(normalizeParagraph(leaked)).toBe('các em thiếu\nnhi vui');
  });

  it('leaves a lone backslash-n alone', () => {
    expect(normalizeLine('C:\\new')).toBe('C:\\new');
  });

  it('drops zero-width characters inside words', () => {
    expect(normalizeLine('Điện\u200bBiên')).toBe('ĐiệnBiên');
  });
});
