export { parseFormat, type ExportFormat } from './format.js';
export { parseDateBound } from './dates.js';
export { writeJson, type JsonWriterOptions } from './json.js';
export { writeJsonl, type JsonlWriterOptions } from './jsonl.js';
export { writeCsv, CSV_COLUMNS, REVISION_COLUMNS, type CsvWriterOptions } from './csv.js';
// writeWarc is imported from './warc.js' where needed: warcio takes a noticeable time to load, for WARC only.
export type { WarcWriterOptions } from './warc.js';
export { exportArchive, type ExportOptions } from './export.js';
