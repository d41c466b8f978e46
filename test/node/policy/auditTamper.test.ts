import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open.js';
import { AuditRepo } from '../../../db/repos/audit.js';

function trail(entries = 5) {
  const db = openDatabase(':memory:');
  const audit = new AuditRepo(db);
  const ids = Array.from({ length: entries }, (_, i) =>
    audit.append('sam', 'policy.change', { version: i + 2, reason: `change ${i}` }),
  );
  // Tampering needs the append-only triggers out of the way first, as an attacker with the file would do.
  const unlock = () => db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  return { db, audit, ids, unlock };
}

describe('audit trail tamper evidence', () => {
  it('verifies an intact trail', () => {
    const { audit } = trail();
    expect(audit.verify()).toMatchObject({ ok: true, entries: 5 });
  });

  it('refuses edits through SQL while the triggers stand', () => {
    const { db, ids } = trail();
    expect(() => db.prepare('UPDATE audit_log SET actor = ? WHERE id = ?').run('mallory', ids[1])).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[1])).toThrow(/append-only/);
  });

  it('names the first edited entry', () => {
    const { db, audit, ids, unlock } = trail();
    unlock();
    db.prepare(
      "UPDATE audit_log SET details = json_set(details, '$.reason', 'nothing to see') WHERE id = ?",
    ).run(ids[2]);
    expect(audit.verify()).toMatchObject({
      ok: false,
      badEntryId: ids[2],
      reason: expect.stringMatching(/edited/),
    });
  });

  it('names the entry after a deleted one', () => {
    const { db, audit, ids, unlock } = trail();
    unlock();
    db.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[1]);
    expect(audit.verify()).toMatchObject({
      ok: false,
      badEntryId: ids[2],
      reason: expect.stringMatching(/deleted|reordered/),
    });
  });

  it('detects reordered entries', () => {
    const { db, audit, ids, unlock } = trail();
    unlock();
    db.transaction(() => {
      db.prepare('UPDATE audit_log SET id = -1 WHERE id = ?').run(ids[1]);
      db.prepare('UPDATE audit_log SET id = ? WHERE id = ?').run(ids[1], ids[2]);
      db.prepare('UPDATE audit_log SET id = ? WHERE id = -1').run(ids[2]);
    })();
    expect(audit.verify()).toMatchObject({ ok: false, badEntryId: ids[1] });
  });

  it('detects a recomputed hash that does not chain', () => {
    const { db, audit, ids, unlock } = trail();
    unlock();
    db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?').run('f'.repeat(64), ids[0]);
    expect(audit.verify()).toMatchObject({ ok: false, badEntryId: ids[0] });
  });
});
