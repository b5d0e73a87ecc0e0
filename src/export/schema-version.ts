/**
 * The version of schema/article.schema.json that JSON and JSONL records follow, written first in every record.
 * Raise it (and the schema's `const`) whenever a field is added, removed or changes meaning, so a notebook
 * written against one version can tell it is reading another.
 */
export const SCHEMA_VERSION = 2;
