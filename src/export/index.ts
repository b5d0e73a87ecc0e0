export { parseFormat, type ExportFormat } from './format.js';
export { parseDateBound } from './dates.js';
export { writeJson, type JsonWriterOptions } from './json.js';
export { writeJsonl, type JsonlWriterOptions } from './jsonl.js';
export { writeCsv, CSV_COLUMNS, type CsvWriterOptions } from './csv.js';
export { exportArchive, type ExportOptions } from './export.js';
