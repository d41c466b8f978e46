import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APP_ROOT, DEMO_IMAGES_DIR } from '../../../electron/cli/paths.js';
import { parseCsv } from '../../../electron/services/history/csv.js';
import { validateRows } from '../../../electron/services/history/historyImport.js';
import { tempDir } from '../helpers/tmp.js';

const loupe = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'loupe.js'), ...args], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
const CLASSES = ['blowhole', 'break', 'crack', 'fray', 'uneven'];

function imagesWithLabels(): { dir: string; rows: string[] } {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'line1'));
  const demo = fs
    .readFileSync(path.join(APP_ROOT, 'demo', 'labels.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1, 9);
  const rows = demo.map((line, i) => {
    const [file, label, cls] = line.split(',');
    fs.copyFileSync(path.join(DEMO_IMAGES_DIR, file!), path.join(dir, 'line1', file!));
    return `line1/${file},${label},${cls ?? ''},${i % 2 ? 'ana' : 'ben'},2025-0${1 + (i % 9)}-15T08:30:00Z`;
  });
  return { dir, rows };
}

describe('CSV reader', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and reports start lines', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ]);
    expect(() => parseCsv('a,"open\n')).toThrow(/unterminated quoted field starting on line 1/);
  });
});

describe('history rows', () => {
  it('reports every bad row with its line number', () => {
    const csv = [
      'file,label,class,inspector,decided_at',
      'a.jpg,ok,,ana,2025-01-02T10:00:00Z',
      'b.jpg,maybe,,ana,2025-01-02T10:00:00Z',
      '../etc/passwd.jpg,ok,,ana,2025-01-02',
      'c.jpg,defect,scratch,ana,2025-01-02',
      'd.jpg,ok,crack,,yesterday',
      'e.gif,ok,,ana,2025-01-02',
      'a.jpg,defect,crack,ana,2025-01-03',
    ].join('\n');
    const { rows, errors } = validateRows(csv, CLASSES);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(errors[0]!.message).toMatch(/label must be ok or defect/);
    expect(errors[1]!.message).toMatch(/relative to the images folder/);
    expect(errors[2]!.message).toMatch(/unknown class "scratch"/);
    expect(errors[3]!.message).toMatch(/an ok row has no class.*inspector is empty.*decided_at/);
    expect(errors[4]!.message).toMatch(/unsupported file type/);
    expect(errors[5]!.message).toMatch(/duplicate row for a\.jpg by ana/);
    expect(validateRows('file,label\nx.jpg,ok', CLASSES).errors[0]!.message).toMatch(
      /missing column\(s\): class, inspector, decided_at/,
    );
  });
});

describe('loupe import --labels (history backtest)', () => {
  it('stores past decisions as history beside shadow predictions, and agreement is there at once', () => {
    const { dir, rows } = imagesWithLabels();
    const csv = path.join(dir, 'history.csv');
    fs.writeFileSync(csv, ['file,label,class,inspector,decided_at', ...rows].join('\n'));
    const data = tempDir();
    const run = loupe('import', '--images', dir, '--labels', csv, '--data', data);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/imported 8 past decisions \(8 new items\)/);
    expect(run.stdout).toMatch(/agreement with the model on unbiased labels: n = 8, \d+\.\d %/);
    const db = new Database(path.join(data, 'loupe.db'), { readonly: true });
    const decisions = db
      .prepare(
        'SELECT d.source, d.suggestion_visible, d.inspector, d.decided_at, p.role FROM decisions d JOIN predictions p ON p.id = d.prediction_id',
      )
      .all();
    expect(decisions).toHaveLength(8);
    for (const d of decisions)
      expect(d).toMatchObject({
        source: 'history',
        suggestion_visible: 0,
        role: 'champion',
        decided_at: expect.stringMatching(/^2025-0\d-15T08:30:00\.000Z$/),
      });
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM items WHERE status = 'decided' AND source = 'history'").get(),
    ).toEqual({ n: 8 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM routes').get()).toEqual({ n: 0 });
    db.close();
  });

  it('fails as a whole on one bad row or a missing image, writing nothing', () => {
    const { dir, rows } = imagesWithLabels();
    const csv = path.join(dir, 'history.csv');
    fs.writeFileSync(
      csv,
      [
        'file,label,class,inspector,decided_at',
        ...rows.slice(0, 5),
        'line1/missing.jpg,ok,,ana,2025-02-01T00:00:00Z',
        rows[5]!.replace(',ok,', ',bad,'),
      ].join('\n'),
    );
    const data = tempDir();
    const run = loupe('import', '--images', dir, '--labels', csv, '--data', data);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/history\.csv:7: image not found: line1\/missing\.jpg/);
    expect(run.stderr).toMatch(/history import failed: 2 bad row\(s\); nothing was imported/);
    const db = new Database(path.join(data, 'loupe.db'), { readonly: true });
    expect(
      db
        .prepare(
          'SELECT (SELECT COUNT(*) FROM items) AS items, (SELECT COUNT(*) FROM decisions) AS decisions, (SELECT COUNT(*) FROM predictions) AS predictions',
        )
        .get(),
    ).toEqual({
      items: 0,
      decisions: 0,
      predictions: 0,
    });
    db.close();
  });
});
