import path from 'node:path';
import type { ImportProgressDto } from '../shared/contract.js';
import { startServices } from '../services/app.js';
import { requireFolder } from '../services/ingest/folders.js';
import { consoleLogger } from './logger.js';
import { MODELS_DIR } from './paths.js';
import { progressLine } from './progress.js';

export type ImportOptions = { images: string; dataDir: string; modelId?: string };

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
  });
  const progress = progressLine(process.stderr);
  const stopListening = services.onEvent((event, payload) => {
    if (event !== 'ingest:progress') return;
    const p = payload as ImportProgressDto;
    progress.update(`importing ${p.processed}/${p.total} · added ${p.added} · duplicates ${p.duplicates} · quarantined ${p.quarantined}`);
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
