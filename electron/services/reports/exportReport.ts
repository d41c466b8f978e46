import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../../db/open.js';
import { AuditRepo } from '../../../db/repos/audit.js';
import { buildReport } from './buildReport.js';
import { writeDecisionCsv } from './csv.js';
import { decisionRowsQuery } from './decisionRows.js';
import type { ReportFilters } from './decisionRows.js';
import { renderReportHtml } from './html.js';
import type { PdfRenderer } from './pdf.js';

export type ExportFormat = 'csv' | 'json' | 'html' | 'pdf';
export type ExportResult = { file: string; rows: number; sha256: string; csvFile: string | null };

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/**
 * Writes one export. HTML and PDF reports get the CSV of the same rows written beside them,
 * and carry its sha256, so an auditor can tie every figure to the decisions it came from.
 */
export async function exportReport(
  db: Db,
  options: {
    format: ExportFormat;
    out: string;
    filters: ReportFilters;
    generatedBy: string;
    pdf: PdfRenderer;
    onProgress?: (text: string) => void;
  },
): Promise<ExportResult> {
  const { format, out, filters } = options;
  const query = decisionRowsQuery(db, filters);
  // A lean COUNT(*) for the progress line; the row count reported is the CSV's own, where one is written.
  const expected = query.count();
  const progress = (n: number): void => options.onProgress?.(`exporting ${n}/${expected} decisions`);
  if (format === 'csv') {
    const csv = await writeDecisionCsv(out, query.iterate(), progress);
    return { file: out, rows: csv.rows, sha256: csv.sha256, csvFile: out };
  }
  let csvFile: string | null = null;
  let csvSha: string | null = null;
  let total = expected;
  if (format !== 'json') {
    csvFile = out.replace(/\.(html?|pdf)$/i, '') + '.csv';
    const csv = await writeDecisionCsv(csvFile, query.iterate(), progress);
    csvSha = csv.sha256;
    total = csv.rows;
  }
  options.onProgress?.('computing the report');
  const report = buildReport(db, {
    ...filters,
    generatedBy: options.generatedBy,
    rowCount: total,
    csvSha256: csvSha,
    auditHead: new AuditRepo(db).head(),
  });
  if (format === 'json') {
    const text = `${JSON.stringify(report, null, 2)}\n`;
    fs.writeFileSync(out, text);
    return { file: out, rows: total, sha256: sha256(text), csvFile: null };
  }
  const html = renderReportHtml(report);
  if (format === 'html') {
    fs.writeFileSync(out, html);
    return { file: out, rows: total, sha256: sha256(html), csvFile };
  }
  options.onProgress?.('printing the PDF');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-report-'));
  try {
    const htmlFile = path.join(tmp, 'report.html');
    fs.writeFileSync(htmlFile, html);
    await options.pdf(htmlFile, out);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { file: out, rows: total, sha256: sha256(fs.readFileSync(out)), csvFile };
}
