/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and a
 * leading tab or carriage return can hide such a start. Articles are public text anyone could have written, so
 * for `--excel` such a cell gets a leading apostrophe, which spreadsheets show as text and do not display.
 * Plain CSV is left byte-faithful: the apostrophe would corrupt the data for every other reader.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
