import { createHash } from 'node:crypto';
import type { Db } from '../open.js';

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
};

const GENESIS = '0'.repeat(64);

export function auditHash(
  prevHash: string,
  e: { at: string; actor: string; action: string; details: string },
): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.at, e.actor, e.action, e.details]))
    .digest('hex');
}

/**
 * Append-only, hash-chained audit trail: each entry's hash covers the previous hash, so an
 * edited, reordered or deleted row breaks the chain at that point.
 */
export class AuditRepo {
  private readonly lastStmt;
  private readonly insertStmt;
  private readonly allStmt;
  private readonly recentStmt;

  constructor(private readonly db: Db) {
    this.lastStmt = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, actor, action, details, prev_hash, hash)
       VALUES (@at, @actor, @action, @details, @prev_hash, @hash) RETURNING id`,
    );
    this.allStmt = db.prepare(
      'SELECT id, at, actor, action, details, prev_hash, hash FROM audit_log ORDER BY id',
    );
    this.recentStmt = db.prepare(
      'SELECT id, at, actor, action, details FROM audit_log ORDER BY id DESC LIMIT ?',
    );
  }

  append(actor: string, action: string, details: unknown): number {
    return this.db.transaction(() => {
      const prev = (this.lastStmt.get() as { hash: string } | undefined)?.hash ?? GENESIS;
      const entry = { at: new Date().toISOString(), actor, action, details: JSON.stringify(details) };
      const row = this.insertStmt.get({ ...entry, prev_hash: prev, hash: auditHash(prev, entry) }) as {
        id: number;
      };
      return row.id;
    })();
  }

  /** Returns the id of the first entry that breaks the chain, or null when it is intact. */
  verify():
    | { ok: true; entries: number; head: string }
    | { ok: false; checked: number; badEntryId: number; reason: string } {
    let prev = GENESIS;
    let count = 0;
    for (const e of this.allStmt.iterate() as IterableIterator<AuditEntry>) {
      if (e.prev_hash !== prev) {
        return {
          ok: false,
          checked: count,
          badEntryId: e.id,
          reason: 'previous hash does not match (an entry before it was deleted, or entries were reordered)',
        };
      }
      if (auditHash(prev, e) !== e.hash)
        return {
          ok: false,
          checked: count,
          badEntryId: e.id,
          reason: 'content does not match its hash (entry edited)',
        };
      prev = e.hash;
      count++;
    }
    return { ok: true, entries: count, head: prev };
  }

  /** Hash of the last entry when the chain verifies, else null: the report's provenance anchor. */
  head(): string | null {
    const v = this.verify();
    return v.ok ? v.head : null;
  }

  recent(limit: number): Array<Pick<AuditEntry, 'id' | 'at' | 'actor' | 'action' | 'details'>> {
    return this.recentStmt.all(limit) as AuditEntry[];
  }
}
