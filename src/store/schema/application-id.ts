/** Marks the file as ours (PRAGMA application_id), so another app's SQLite file is never migrated. */
export const APPLICATION_ID = 0x50417263; // "PArc"
