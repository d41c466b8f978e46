import path from 'node:path';
import { openDatabase, DB_FILE_NAME } from '../../db/open.js';
import os from 'node:os';
import { ServiceError } from '../services/errors.js';
import { channels } from '../shared/contract.js';
import type { ReportFilters } from '../services/reports/decisionRows.js';
import { exportReport } from '../services/reports/exportReport.js';
import { chromiumPdf } from '../services/reports/pdf.js';
import { progressLine } from './progress.js';
import { CommandError } from './supervisorCommands.js';

// The API's reports:export schema owns the list of formats, so the CLI cannot drift from it.
export const REPORT_FORMATS = channels['reports:export'].input.shape.format.options;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const isReportFormat = (format: string): format is ReportFormat =>
  (REPORT_FORMATS as readonly string[]).includes(format);
export type ReportOptions = { dataDir: string; format: string; out: string; from?: string; to?: string };

export function parseInstant(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new CommandError(`${flag} must be an ISO 8601 date or date-time, got "${value}"`);
  return new Date(ms).toISOString();
}

/** `loupe report`: the agreement report or the decision export for a period. */
export async function reportCommand(options: ReportOptions): Promise<number> {
  const format = options.format;
  if (!isReportFormat(format)) throw new CommandError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const filters: ReportFilters = {
    from: parseInstant('--from', options.from),
    to: parseInstant('--to', options.to),
  };
  if (filters.from && filters.to && filters.from >= filters.to)
    throw new CommandError('--from must be before --to');
  const db = openDatabase(path.join(options.dataDir, DB_FILE_NAME));
  const out = path.resolve(options.out);
  const progress = progressLine(process.stderr);
  try {
    const result = await exportReport(db, {
      format,
      out,
      filters,
      generatedBy: `loupe report (${os.userInfo().username}@${os.hostname()})`,
      pdf: chromiumPdf,
      onProgress: (text) => progress.update(text),
    });
    progress.done();
    console.log(`wrote ${result.file}: ${result.rows} decision rows, sha256 ${result.sha256}`);
    if (result.csvFile && result.csvFile !== result.file)
      console.log(`with the decision export ${result.csvFile}`);
    return 0;
  } catch (err) {
    if (err instanceof ServiceError) throw new CommandError(err.message);
    throw err;
  } finally {
    db.close();
  }
}
