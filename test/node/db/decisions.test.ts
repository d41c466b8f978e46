import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open.js';
import { AuditRepo } from '../../../db/repos/audit.js';
import { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { NewDecision } from '../../../db/repos/decisions.js';
import { ItemsRepo } from '../../../db/repos/items.js';

function setup() {
  const db = openDatabase(':memory:');
  const items = new ItemsRepo(db);
  const { id: itemId } = items.insertOrFind({
    sha256: 'a'.repeat(64),
    original_path: '/x/a.jpg',
    stored_path: 'images/aa/a.jpg',
    source: 'import',
    station: 's1',
    captured_at: '2026-01-01T00:00:00.000Z',
    ingested_at: '2026-01-01T00:00:00.000Z',
    format: 'jpeg',
    byte_size: 10,
    width: 4,
    height: 4,
    status: 'predicted',
    quarantine_reason: null,
  });
  const decisions = new DecisionsRepo(db);
  const base: NewDecision = {
    itemId,
    predictionId: null,
    kind: 'decision',
    inspector: 'ana',
    label: 'ok',
    defectClass: null,
    note: null,
    decidedAt: new Date().toISOString(),
    timeToDecideMs: 900,
    automationLevel: 'human_only',
    suggestionVisible: false,
    source: 'human',
    corrects: null,
  };
  return { db, items, decisions, base, itemId };
}

describe('decisions', () => {
  it('are append-only', () => {
    const { db, decisions, base } = setup();
    const id = decisions.insert(base);
    expect(() => db.prepare("UPDATE decisions SET label = 'defect' WHERE id = ?").run(id)).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM decisions WHERE id = ?').run(id)).toThrow(/append-only/);
  });

  it('form linear chains: a row can be corrected once, and the head is the latest', () => {
    const { decisions, base, itemId } = setup();
    const d1 = decisions.insert(base);
    const r1 = decisions.insert({ ...base, kind: 'retraction', label: null, corrects: d1 });
    expect(() => decisions.insert({ ...base, kind: 'retraction', label: null, corrects: d1 })).toThrow(
      /UNIQUE/,
    );
    expect(decisions.chainHead(itemId)?.id).toBe(r1);
    expect(decisions.isCurrent(d1)).toBe(false);
    const d2 = decisions.insert({ ...base, label: 'defect', defectClass: 'crack', corrects: r1 });
    expect(decisions.chainHead(itemId)).toMatchObject({ id: d2, label: 'defect', defect_class: 'crack' });
  });

  it('enforce label/kind consistency in the schema', () => {
    const { decisions, base } = setup();
    expect(() => decisions.insert({ ...base, label: null })).toThrow(/CHECK/);
    expect(() => decisions.insert({ ...base, label: 'ok', defectClass: 'crack' })).toThrow(/CHECK/);
    expect(() => decisions.insert({ ...base, kind: 'retraction', label: null, corrects: null })).toThrow(
      /CHECK/,
    );
    expect(() => decisions.insert({ ...base, itemId: 999 })).toThrow(/FOREIGN KEY/);
  });

  it('count only the latest decision of each chain', () => {
    const { decisions, base } = setup();
    const d1 = decisions.insert(base);
    expect(decisions.decidedSince('2000-01-01T00:00:00.000Z')).toBe(1);
    const r1 = decisions.insert({ ...base, kind: 'retraction', label: null, corrects: d1 });
    expect(decisions.decidedSince('2000-01-01T00:00:00.000Z')).toBe(0);
    decisions.insert({ ...base, corrects: r1 });
    expect(decisions.decidedSince('2000-01-01T00:00:00.000Z')).toBe(1);
  });
});

describe('audit log', () => {
  it('is hash-chained and append-only', () => {
    const { db } = setup();
    const audit = new AuditRepo(db);
    audit.append('sup', 'policy.set', { level: 'ai_assist' });
    const second = audit.append('sup', 'policy.set', { level: 'partial' });
    expect(audit.verify()).toMatchObject({
      ok: true,
      entries: 2,
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(() => db.prepare('UPDATE audit_log SET actor = ? WHERE id = ?').run('x', second)).toThrow(
      /append-only/,
    );
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{}' WHERE id = ?").run(second);
    expect(audit.verify()).toMatchObject({ ok: false, badEntryId: second });
  });
});
