import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportProgressDto } from '../shared/contract.js';
import { startServices } from '../services/app.js';
import { requireFolder } from '../services/ingest/folders.js';
import { consoleLogger } from './logger.js';
import { INFERENCE_WORKER, MODELS_DIR } from './paths.js';
import { progressLine } from './progress.js';

export type ImportOptions = { images: string; dataDir: string; modelId?: string; labels?: string };

/** `loupe import`: adds a folder of images, scores them and reports what was quarantined. */
export async function importCommand(options: ImportOptions): Promise<number> {
  const folder = await requireFolder(path.resolve(options.images));
  const services = await startServices({
    dataDir: options.dataDir,
    modelsDir: MODELS_DIR,
    demoImagesDir: null,
    modelId: options.modelId,
    watchHotFolder: false,
    logger: consoleLogger('stderr'),
    inferenceWorker: INFERENCE_WORKER,
  });
  if (options.labels) {
    try {
      return await importHistoryCommand(services, folder, path.resolve(options.labels));
    } finally {
      await services.close();
    }
  }
  const progress = progressLine(process.stderr);
  const stopListening = services.onEvent((event, payload) => {
    if (event !== 'ingest:progress') return;
    const p = payload as ImportProgressDto;
    progress.update(
      `importing ${p.processed}/${p.total} · added ${p.added} · duplicates ${p.duplicates} · quarantined ${p.quarantined}`,
    );
  });
  const startedAt = new Date().toISOString();
  try {
    const result = await services.importFolder(folder).done;
    progress.done();
    progress.update('scoring new items with the model…');
    await services.idle();
    progress.done();
    stopListening();
    if (result.state === 'failed') {
      console.error(`import failed: ${result.error}`);
      return 1;
    }
    console.log(
      `imported ${result.total} files from ${folder}: ${result.added} added, ${result.duplicates} already known, ${result.quarantined} quarantined`,
    );
    const info = await services.handlers['app:info']({});
    if (info.modelError) console.error(`warning: items were not scored: ${info.modelError}`);
    const quarantined = await services.handlers['items:quarantined']({ limit: 500, offset: 0 });
    for (const q of quarantined.items.filter((item) => item.ingestedAt >= startedAt)) {
      console.log(`quarantined: ${q.originalPath}: ${q.reason}`);
    }
    return 0;
  } finally {
    await services.close();
  }
}

/** `loupe import --labels FILE.csv`: past inspections as `history` decisions, scored in shadow. */
async function importHistoryCommand(
  services: Awaited<ReturnType<typeof startServices>>,
  folder: string,
  csvFile: string,
): Promise<number> {
  let csv: string;
  try {
    csv = await fs.readFile(csvFile, 'utf8');
  } catch (err) {
    console.error(`cannot read ${csvFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return 1;
  }
  const progress = progressLine(process.stderr);
  const result = await services.importHistory(folder, csv, (done, total) =>
    progress.update(`checking and scoring ${done}/${total}`),
  );
  progress.done();
  if (!result.ok) {
    for (const e of result.errors) console.error(`${path.basename(csvFile)}:${e.line}: ${e.message}`);
    console.error(`history import failed: ${result.errors.length} bad row(s); nothing was imported`);
    return 1;
  }
  const summary = await services.handlers['stats:summary']({});
  const a = summary.shadowAgreement;
  console.log(`imported ${result.rows} past decisions (${result.newItems} new items) from ${csvFile}`);
  console.log(
    `agreement with the model on unbiased labels: n = ${a.n}${a.rate === null ? '' : `, ${(a.rate * 100).toFixed(1)} %`}`,
  );
  return 0;
}
