import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export type Migration = { version: number; name: string; sql: string };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/**
 * Forward-only migrations tracked by `user_version` plus a stored sha256 per migration, so an
 * edited migration or a database written by a newer Loupe fails loudly instead of drifting.
 * Each migration runs in its own transaction.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new MigrationError(
      `database schema version ${current} is newer than this Loupe (knows ${migrations.length}); upgrade Loupe`,
    );
  }
  const applied = db
    .prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')
    .all() as Array<{
    version: number;
    name: string;
    sha256: string;
  }>;
  for (const row of applied) {
    const m = migrations[row.version - 1];
    if (!m || migrationHash(m) !== row.sha256) {
      throw new MigrationError(
        `migration ${row.version} (${row.name}) differs from the one applied to this database`,
      );
    }
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (@version, @name, @sha256, @appliedAt)',
  );
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run({
        version: m.version,
        name: m.name,
        sha256: migrationHash(m),
        appliedAt: new Date().toISOString(),
      });
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
