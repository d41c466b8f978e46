import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/open.js';
import type { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { ItemsRepo } from '../../../db/repos/items.js';
import type { PredictionsRepo } from '../../../db/repos/predictions.js';
import { forEachConcurrent } from '../concurrency.js';
import { decodeGray, SUPPORTED_EXTENSIONS } from '../imaging/decode.js';
import type { ImageStore } from '../ingest/imageStore.js';
import type { LoadedModel, TimedPrediction } from '../inference/modelRunner.js';
import { parseCsv } from './csv.js';

export const HISTORY_COLUMNS = ['file', 'label', 'class', 'inspector', 'decided_at'] as const;

export type HistoryRow = {
  line: number;
  file: string;
  label: 'ok' | 'defect';
  defectClass: string | null;
  inspector: string;
  decidedAt: string;
};
export type RowError = { line: number; message: string };
export type HistoryResult = { ok: true; rows: number; newItems: number } | { ok: false; errors: RowError[] };

export type HistoryDeps = {
  db: Db;
  items: ItemsRepo;
  predictions: PredictionsRepo;
  decisions: DecisionsRepo;
  store: ImageStore;
  model: { loaded: LoadedModel; versionId: number } | null;
  station: string;
  defectClasses: readonly string[];
  onProgress?: (done: number, total: number) => void;
};

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Checks every row before anything is written; all problems are reported, each with its line. */
export function validateRows(
  csvText: string,
  defectClasses: readonly string[],
): { rows: HistoryRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let parsed;
  try {
    parsed = parseCsv(csvText);
  } catch (err) {
    return { rows: [], errors: [{ line: 0, message: (err as Error).message }] };
  }
  const header = parsed[0]?.fields.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = HISTORY_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      rows: [],
      errors: [
        {
          line: 1,
          message: `missing column(s): ${missing.join(', ')}; expected ${HISTORY_COLUMNS.join(',')}`,
        },
      ],
    };
  const col = Object.fromEntries(HISTORY_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof HISTORY_COLUMNS)[number],
    number
  >;
  const rows: HistoryRow[] = [];
  const seen = new Set<string>();
  for (const { line, fields } of parsed.slice(1)) {
    const get = (c: (typeof HISTORY_COLUMNS)[number]): string => (fields[col[c]] ?? '').trim();
    const problems: string[] = [];
    const file = get('file').replaceAll('\\', '/');
    if (!file) problems.push('file is empty');
    else if (path.posix.isAbsolute(file) || path.posix.normalize(file).startsWith('../'))
      problems.push(`file must be relative to the images folder: ${file}`);
    else if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase()))
      problems.push(`unsupported file type: ${file}`);
    const label = get('label').toLowerCase();
    if (label !== 'ok' && label !== 'defect')
      problems.push(`label must be ok or defect, got "${get('label')}"`);
    const cls = get('class').toLowerCase();
    if (label === 'ok' && cls) problems.push(`an ok row has no class (got "${cls}")`);
    if (cls && !defectClasses.includes(cls))
      problems.push(`unknown class "${cls}"; expected one of ${defectClasses.join(', ')}`);
    const inspector = get('inspector');
    if (!inspector) problems.push('inspector is empty');
    if (inspector.length > 64) problems.push('inspector is longer than 64 characters');
    const when = get('decided_at');
    const ms = ISO.test(when) ? Date.parse(when) : NaN;
    if (Number.isNaN(ms)) problems.push(`decided_at must be an ISO 8601 date-time, got "${when}"`);
    const key = `${file}\0${inspector}`;
    if (file && inspector && seen.has(key)) problems.push(`duplicate row for ${file} by ${inspector}`);
    seen.add(key);
    if (problems.length) errors.push({ line, message: problems.join('; ') });
    else
      rows.push({
        line,
        file,
        label: label as 'ok' | 'defect',
        defectClass: cls || null,
        inspector,
        decidedAt: new Date(ms).toISOString(),
      });
  }
  if (parsed.length <= 1) errors.push({ line: 1, message: 'no rows after the header' });
  return { rows, errors };
}

type Prepared = {
  sha256: string;
  bytes: Buffer;
  format: string;
  width: number;
  height: number;
  absolute: string;
  capturedAt: string;
  prediction: TimedPrediction | null;
};

const SCORING_LANES = 4;

/**
 * Imports labelled past inspections: validates every row and image first, scores the images in
 * shadow, then writes items, predictions and `history` decisions in one transaction — a failed
 * import writes nothing.
 */
export async function importHistory(
  deps: HistoryDeps,
  imagesDir: string,
  csvText: string,
): Promise<HistoryResult> {
  const { rows, errors } = validateRows(csvText, deps.defectClasses);
  const prepared = new Map<string, Prepared>();
  // Rows naming the same file share one read and one score; its error goes on the first row.
  const rowsByFile = new Map<string, HistoryRow[]>();
  for (const row of rows) {
    const same = rowsByFile.get(row.file);
    if (same) same.push(row);
    else rowsByFile.set(row.file, [row]);
  }
  let done = 0;
  const prepare = async (row: HistoryRow): Promise<void> => {
    const absolute = path.join(imagesDir, ...row.file.split('/'));
    try {
      const bytes = await fs.readFile(absolute);
      const pixels = await decodeGray(bytes);
      const stat = await fs.stat(absolute);
      const prediction = deps.model ? await deps.model.loaded.predict(pixels) : null;
      prepared.set(row.file, {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes,
        format: pixels.format,
        width: pixels.width,
        height: pixels.height,
        absolute,
        capturedAt: stat.mtime.toISOString(),
        prediction,
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      errors.push({
        line: row.line,
        message:
          code === 'ENOENT' ? `image not found: ${row.file}` : `${row.file}: ${(err as Error).message}`,
      });
    }
  };
  // A few images in flight, so the model's workers score while the next files are read.
  await forEachConcurrent([...rowsByFile.values()], SCORING_LANES, async (sameFile) => {
    await prepare(sameFile[0]!);
    for (let i = 0; i < sameFile.length; i++) deps.onProgress?.(++done, rows.length);
  });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  const stored = new Map<string, string>();
  for (const [file, p] of prepared) stored.set(file, await deps.store.put(p.sha256, p.format, p.bytes));
  let newItems = 0;
  deps.db.transaction(() => {
    for (const row of rows) {
      const p = prepared.get(row.file)!;
      const { id: itemId, inserted } = deps.items.insertOrFind({
        sha256: p.sha256,
        original_path: p.absolute,
        stored_path: stored.get(row.file)!,
        source: 'history',
        station: deps.station,
        captured_at: p.capturedAt,
        ingested_at: new Date().toISOString(),
        format: p.format,
        byte_size: p.bytes.length,
        width: p.width,
        height: p.height,
        status: 'decided',
        quarantine_reason: null,
      });
      if (inserted) newItems++;
      // An item this import just added has no predictions yet: look only for one already stored.
      const existing = inserted ? null : deps.predictions.latestChampion(itemId);
      let predictionId = existing?.id ?? null;
      let modelVersionId = existing?.model_version_id ?? null;
      if (!existing && p.prediction && deps.model) {
        // insert returns the new id; null means this model already scored the item in another
        // role, which leaves no champion to link, as before.
        predictionId = deps.predictions.insert({
          itemId,
          modelVersionId: deps.model.versionId,
          role: 'champion',
          defectProbability: p.prediction.defectProbability,
          predictedClass: p.prediction.predictedClass,
          classProbabilities: p.prediction.classProbabilities,
          regions: p.prediction.regions,
          peak: p.prediction.peak,
          latencyMs: p.prediction.latencyMs,
          topDefectClass: p.prediction.topDefectClass,
          heatmap: p.prediction.heatmap,
        });
        modelVersionId = predictionId === null ? null : deps.model.versionId;
      }
      deps.decisions.insert({
        itemId,
        predictionId,
        kind: 'decision',
        inspector: row.inspector,
        label: row.label,
        defectClass: row.defectClass,
        note: `history import, line ${row.line}`,
        decidedAt: row.decidedAt,
        timeToDecideMs: null,
        automationLevel: 'human_only',
        suggestionVisible: false,
        source: 'history',
        corrects: null,
        reviewRole: 'primary',
        modelVersionId,
      });
      // A past inspection settles an item that was waiting in the queue.
      deps.items.setStatus(itemId, 'decided');
    }
  })();
  return { ok: true, rows: rows.length, newItems };
}
