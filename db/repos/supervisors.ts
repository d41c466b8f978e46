import type { Db } from '../open.js';

export class SupervisorsRepo {
  private readonly getStmt;
  private readonly insertStmt;
  private readonly namesStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT password_hash FROM supervisors WHERE name = ?');
    this.insertStmt = db.prepare(
      'INSERT INTO supervisors (name, password_hash, created_at) VALUES (?, ?, ?)',
    );
    this.namesStmt = db.prepare('SELECT name FROM supervisors ORDER BY name');
  }

  passwordHash(name: string): string | null {
    return (this.getStmt.get(name) as { password_hash: string } | undefined)?.password_hash ?? null;
  }

  add(name: string, passwordHash: string): void {
    this.insertStmt.run(name, passwordHash, new Date().toISOString());
  }

  names(): string[] {
    return (this.namesStmt.all() as Array<{ name: string }>).map((r) => r.name);
  }
}
