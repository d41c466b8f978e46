import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runLoupe } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// No password from the caller's environment and an empty stdin, so nothing is signed by accident
// and a password prompt sees end of input instead of waiting.
const loupe = (args: string[], env: Record<string, string> = {}) =>
  runLoupe(args, { env: { LOUPE_SUPERVISOR_PASSWORD: '', ...env }, input: '' });

describe('supervisor, policy and audit commands', () => {
  it('provision a supervisor, refuse unsigned changes, record signed ones, and catch a tampered trail', () => {
    const data = tempDir();
    expect(loupe(['supervisor', 'init', '--password', 'line2-secret', '--data', data]).status).toBe(0);
    expect(loupe(['supervisor', 'init', '--password', 'line2-secret', '--data', data]).stderr).toMatch(
      /already exists/,
    );

    const unsigned = loupe(['policy', 'set', '--data', data, '--level', 'ai_assist', '--reason', 'pilot']);
    expect(unsigned.status).toBe(1);
    expect(unsigned.stderr).toMatch(/password is required/);
    const wrong = loupe(['policy', 'set', '--data', data, '--level', 'ai_assist', '--reason', 'pilot'], {
      LOUPE_SUPERVISOR_PASSWORD: 'nope',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/name or password is wrong/);
    expect(loupe(['policy', 'set', '--data', data, '--level', 'ai_assist']).status).toBe(2);
    const badBand = loupe(
      ['policy', 'set', '--data', data, '--t-ok', '0.9', '--t-defect', '0.1', '--reason', 'oops'],
      { LOUPE_SUPERVISOR_PASSWORD: 'line2-secret' },
    );
    expect(badBand.stderr).toMatch(/t_ok must not exceed t_defect/);

    const ok = loupe(
      [
        'policy',
        'set',
        '--data',
        data,
        '--level',
        'partial',
        '--t-ok',
        '0.1',
        '--t-defect',
        '0.9',
        '--class',
        'crack',
        '--audit-rate',
        '0.02',
        '--reason',
        'crack band for pilot',
      ],
      {
        LOUPE_SUPERVISOR_PASSWORD: 'line2-secret',
      },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /policy version 2 .* level partial, .* class bands: crack 0\.1–0\.9, audit 0\.02/,
    );
    expect(loupe(['policy', 'show', '--data', data]).stdout).toMatch(
      /policy version 2 .* by supervisor: crack band for pilot/,
    );

    const intact = loupe(['audit', 'verify', '--data', data]);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/intact: 3 entries/);

    const db = new Database(path.join(data, 'loupe.db'));
    db.exec('DROP TRIGGER audit_log_no_update');
    const { id } = db.prepare("SELECT id FROM audit_log WHERE action = 'policy.change'").get() as {
      id: number;
    };
    db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE id = ?").run(id);
    db.close();
    const broken = loupe(['audit', 'verify', '--data', data]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`BROKEN at entry #${id}: content does not match`));
  });
});
