import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CSV_COLUMNS } from './decisionRows.js';
import type { DecisionReportRow } from './decisionRows.js';

/**
 * A spreadsheet opens a cell starting with = + - @ (or a tab/CR) as a formula. Text fields such
 * as inspector names and file paths are untrusted, so those get a leading apostrophe.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(row: DecisionReportRow): string {
  return CSV_COLUMNS.map((c) => csvCell(row[c])).join(',');
}

/** Writes the decision export (UTF-8 with BOM, CRLF) and returns its sha256 and row count. */
export async function writeDecisionCsv(
  file: string,
  rows: Iterable<DecisionReportRow>,
  onRow?: (n: number) => void,
): Promise<{ sha256: string; rows: number }> {
  const hash = createHash('sha256');
  const out = fs.createWriteStream(file);
  let n = 0;
  const write = async (text: string): Promise<void> => {
    hash.update(text);
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(`\ufeff${CSV_COLUMNS.join(',')}\r\n`);
  let chunk = '';
  for (const row of rows) {
    chunk += `${csvLine(row)}\r\n`;
    n++;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
      onRow?.(n);
    }
  }
  if (chunk) await write(chunk);
  onRow?.(n);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return { sha256: hash.digest('hex'), rows: n };
}
