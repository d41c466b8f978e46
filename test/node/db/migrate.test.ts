import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError } from '../../../db/migrate.js';
import { migrations } from '../../../db/migrations/index.js';
import { openDatabase } from '../../../db/open.js';
import { tempDir } from '../helpers/tmp.js';

describe('openDatabase', () => {
  it('creates a WAL database with foreign keys, full sync and strict tables', () => {
    const db = openDatabase(path.join(tempDir(), 'sub', 'loupe.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string; sql: string }>;
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'audit_log',
        'decisions',
        'items',
        'model_versions',
        'policies',
        'predictions',
        'routes',
        'schema_migrations',
        'settings',
        'supervisors',
        'whatif_bins',
        'decision_cube',
        'assist_checks',
      ].sort(),
    );
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
    db.close();
  });

  it('is idempotent across reopen', () => {
    const file = path.join(tempDir(), 'loupe.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    db.close();
  });
});

describe('migrate', () => {
  const m1 = { version: 1, name: '0001_a', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
  const m2 = { version: 2, name: '0002_b', sql: 'CREATE TABLE b (y INTEGER) STRICT;' };

  it('applies only what is new', () => {
    const db = new Database(':memory:');
    migrate(db, [m1]);
    migrate(db, [m1, m2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('fails loudly when an applied migration was edited', () => {
    const db = new Database(':memory:');
    migrate(db, [m1]);
    expect(() => migrate(db, [{ ...m1, sql: 'CREATE TABLE a (x TEXT) STRICT;' }])).toThrow(
      /differs from the one applied/,
    );
  });

  it('refuses a database written by a newer Loupe', () => {
    const db = new Database(':memory:');
    migrate(db, [m1, m2]);
    expect(() => migrate(db, [m1])).toThrow(MigrationError);
    expect(() => migrate(db, [m1])).toThrow(/newer than this Loupe/);
  });

  it('rolls back a failing migration as a whole', () => {
    const db = new Database(':memory:');
    const bad = {
      version: 2,
      name: '0002_bad',
      sql: 'CREATE TABLE c (z INTEGER) STRICT; CREATE TABLE c (z INTEGER) STRICT;',
    };
    expect(() => migrate(db, [m1, bad])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'c'").get()).toBeUndefined();
  });
});
