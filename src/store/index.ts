export { ArchiveError } from './errors.js';
export { openArchive, type OpenOptions } from './db.js';
export { migrate, schemaVersion, LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js';
export { startRun, finishRun, getRun, type RunStatus, type RunCounts, type CrawlRun } from './runs.js';
export { savePage, type PageToSave, type PageKind } from './pages.js';
export { saveArticle, getArticleHash, type SaveOutcome, type SaveContext } from './articles.js';
export { recordFailure, type Failure, type FailureStage } from './failures.js';
export { iterateRecords, countRecords, type RecordFilter } from './records.js';
export { parseIsoTimestamp } from './iso.js';
