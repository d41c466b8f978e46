import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

export const DB_FILE_NAME = 'loupe.db';

/**
 * Opens (creating if needed) the Loupe database and brings its schema up to date.
 * `file` may be ':memory:' in tests.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: in WAL mode every commit is fsynced before it returns, so a decision the station
    // acknowledged survives a crash or power cut, not only a killed process. Decisions arrive
    // at human speed, so the fsync cost does not matter; bulk imports batch rows per commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
