export { AppDB, getDb } from './app-db';
export { DB_NAME, KB_TABLES, SCHEMA, type KbTableName, type SchemaVersion } from './schema';
export { ensureKbLoaded, KbLoadError, loadKb, type LoadOutcome } from './kb-loader';
export { readKbStatus, type KbCounts, type KbStatus } from './status';
export { describeError } from './errors';
export type * from './types';
