import { writeChunk } from '../export/write.js';
import { computeStats, type ArchiveStats } from '../stats/stats.js';
import { statsText } from '../stats/text.js';
import { openArchive } from '../store/index.js';
import { pickFormat } from './search.js';

/** Counts the archive (read-only) and writes the stats to `stdout` as text tables or one JSON object. */
export async function statsCommand(options: { db: string; format: string }, stdout: NodeJS.WritableStream): Promise<ArchiveStats> {
  const format = pickFormat(options.format, ['text', 'json'] as const);
  const db = openArchive(options.db, { create: false, readonly: true });
  let stats: ArchiveStats;
  try {
    stats = computeStats(db);
  } finally {
    db.close();
  }
  await writeChunk(stdout, format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : statsText(stats));
  return stats;
}
