import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_IMAGES_DIR } from '../../../electron/cli/paths.js';
import { csvCell } from '../../../electron/services/reports/csv.js';
import type { AgreementReport } from '../../../electron/shared/report.js';
import { loupeOk, runLoupe } from '../helpers/cli.js';
import { demoHistoryCsv } from '../helpers/demoHistory.js';
import { imageFolder, startTestServices } from '../helpers/services.js';
import { tempDir } from '../helpers/tmp.js';

// The PDF export runs a headless Chromium: allow more than the runner's default 120 s.
const TIMEOUT = 180_000;
const loupe = (...args: string[]) => runLoupe(args, { timeout: TIMEOUT });

/** A data folder with the demo images imported as labelled history by two inspectors. */
function historyStation(): string {
  const file = demoHistoryCsv((i) => ({
    inspector: i % 3 ? 'ana' : '=HYPERLINK("x")',
    decidedAt: `2026-0${1 + (i % 3)}-1${i % 9}T08:00:00Z`,
  }));
  const data = tempDir();
  loupeOk(['import', '--images', DEMO_IMAGES_DIR, '--labels', file, '--data', data], { timeout: TIMEOUT });
  return data;
}

describe('CSV cells', () => {
  it('neutralise spreadsheet formulas and quote what needs it', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+31 6')).toBe("'+31 6");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
  });
});

describe('loupe report', () => {
  it('exports CSV, JSON, HTML and PDF whose figures agree with a recount of the CSV', () => {
    const data = historyStation();
    const out = tempDir();
    for (const format of ['csv', 'json', 'html', 'pdf']) {
      const run = loupe('report', '--data', data, '--format', format, '--out', path.join(out, `r.${format}`));
      expect(run.status, run.stderr).toBe(0);
    }
    const csvBytes = fs.readFileSync(path.join(out, 'r.csv'));
    expect(csvBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = csvBytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(header).toBe(
      'decision_id,item_id,file,decided_at,inspector,source,human_label,human_class,model_version,model_label,model_class,defect_probability,automation_level,policy_version,suggestion_visible,time_to_decide_ms,corrects',
    );
    expect(rows).toHaveLength(40);
    expect(rows.some((r) => r.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);

    const report = JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8')) as AgreementReport;
    const cells = rows.map((r) => r.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '')));
    const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const f of cells) {
      const h = f[6] === 'defect';
      const m = f[9] === 'defect';
      if (h && m) c.tp++;
      else if (!h && m) c.fp++;
      else if (h) c.fn++;
      else c.tn++;
    }
    expect(report.overall.confusion).toEqual(c);
    expect(report.overall.n).toBe(40);
    expect(report.row_count).toBe(rows.length);
    expect(report.overall.agreement).toBeCloseTo((c.tp + c.tn) / 40, 12);
    expect(Object.keys(report.overall).slice(0, 6)).toEqual([
      'n',
      'agreement',
      'agreement_ci95',
      'cohen_kappa',
      'cohen_kappa_ci95',
      'gwet_ac1',
    ]);
    expect(report.over_time.map((d) => d.key)).toEqual(expect.arrayContaining(['2026-01-10', '2026-02-11']));
    expect(report.per_inspector.map((p) => p.inspector).sort()).toEqual(['=HYPERLINK("x")', 'ana']);

    const html = fs.readFileSync(path.join(out, 'r.html'), 'utf8');
    const sideCsv = fs.readFileSync(path.join(out, 'r.csv'));
    expect(html).toContain(createHash('sha256').update(sideCsv).digest('hex'));
    expect(html).toContain('tile-defect-v1@');
    expect(html).not.toContain('<script');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(fs.readFileSync(path.join(out, 'r.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('counts a corrected decision once, while the CSV shows every row', async () => {
    const s = await startTestServices();
    await s.importFolder(await imageFolder(3)).done;
    await s.idle();
    const [a, b] = (await s.handlers['queue:next']({ limit: 5, inspector: null })).items;
    const decide = (itemId: number, label: 'ok' | 'defect') =>
      s.handlers['review:decide']({
        itemId,
        inspector: 'ana',
        label,
        defectClass: null,
        note: null,
        timeToDecideMs: 100,
      });
    const first = await decide(a!.id, 'defect');
    await s.handlers['review:undo']({ decisionId: first.decisionId, inspector: 'ana' });
    await decide(a!.id, 'ok');
    await decide(b!.id, 'ok');
    const report = await s.handlers['reports:summary']({
      from: null,
      to: null,
      inspector: null,
      source: null,
      automationLevel: null,
      modelVersion: null,
    });
    expect(report.overall.n).toBe(2);
    expect(report.overall.confusion.tp + report.overall.confusion.fn).toBe(0);
    const exported = await s.handlers['reports:export']({ format: 'csv', from: null, to: null });
    expect(exported.rows).toBe(4);
    // The dashboard's row_count is the CSV's row count for the same filters (corrections included).
    expect(report.row_count).toBe(exported.rows);
    expect(fs.readFileSync(exported.file, 'utf8').trim().split('\r\n')).toHaveLength(5);
  });

  it('refuses a bad period and an unknown format', () => {
    const data = tempDir();
    expect(loupe('report', '--data', data, '--format', 'xls', '--out', path.join(data, 'x')).stderr).toMatch(
      /--format must be one of csv, json, html, pdf/,
    );
    expect(
      loupe('report', '--data', data, '--format', 'csv', '--out', path.join(data, 'x'), '--from', 'yesterday')
        .stderr,
    ).toMatch(/--from must be an ISO 8601/);
    expect(
      loupe(
        'report',
        '--data',
        data,
        '--format',
        'csv',
        '--out',
        path.join(data, 'x'),
        '--from',
        '2026-02-01',
        '--to',
        '2026-01-01',
      ).stderr,
    ).toMatch(/--from must be before --to/);
  });
});
