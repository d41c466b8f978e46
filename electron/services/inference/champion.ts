import type { ModelsRepo } from '../../../db/repos/models.js';
import { loadModel } from './modelRunner.js';
import type { LoadedModel } from './modelRunner.js';

export const DEFAULT_MODEL_ID = 'tile-defect-v1';

export type Champion =
  { ok: true; model: { loaded: LoadedModel; versionId: number } } | { ok: false; error: string };

/**
 * Loads the model whose calls count and registers its version. A model that cannot be loaded
 * is reported, not fatal: the station still records human decisions, and items wait for a
 * model to score them.
 */
export async function loadChampion(
  modelDir: string,
  models: ModelsRepo,
  load: (modelDir: string) => Promise<LoadedModel> = loadModel,
): Promise<Champion> {
  try {
    const loaded = await load(modelDir);
    const row = models.register({
      modelId: loaded.manifest.id,
      version: loaded.manifest.version,
      sha256: loaded.sha256,
      manifest: loaded.manifest,
    });
    return { ok: true, model: { loaded, versionId: row.id } };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
