export { parseFormat, CAPTURE_FORMATS, type ExportFormat } from './format.js';
export { parseDateBound } from './dates.js';
export { writeJson, type JsonWriterOptions } from './json.js';
export { writeJsonl, type JsonlWriterOptions } from './jsonl.js';
export { writeCsv, CSV_COLUMNS, REVISION_COLUMNS, type CsvWriterOptions } from './csv.js';
// The capture writers (warc/, cdxj/, wacz/) are imported where needed: most exports never load them.
export type { WarcWriterOptions } from './warc/write.js';
export { exportArchive, type ExportOptions } from './export.js';
