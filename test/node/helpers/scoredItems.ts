import type { Db } from '../../../db/open.js';
import { DecisionsRepo } from '../../../db/repos/decisions.js';
import { ItemsRepo } from '../../../db/repos/items.js';
import { ModelsRepo } from '../../../db/repos/models.js';
import { PredictionsRepo } from '../../../db/repos/predictions.js';

/** A seeded linear congruential generator: the same sequence on every run. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Repositories over `db` plus a registered model version, for tests that write history directly. */
export function scoringRepos(db: Db) {
  const modelVersionId = new ModelsRepo(db).register({
    modelId: 'm',
    version: '1',
    sha256: 'f'.repeat(64),
    manifest: {},
  }).id;
  const items = new ItemsRepo(db);
  const predictions = new PredictionsRepo(db);

  /** Item `i` with one champion prediction; returns both ids. */
  const addScoredItem = (
    i: number,
    score: { defectProbability: number; topDefectClass: string | null; station?: string },
  ): { itemId: number; predictionId: number } => {
    const { id: itemId } = items.insertOrFind({
      sha256: i.toString(16).padStart(64, '0'),
      original_path: `/x/${i}.jpg`,
      stored_path: 'images/x.jpg',
      source: 'import',
      station: score.station ?? 's',
      captured_at: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
      ingested_at: new Date().toISOString(),
      format: 'jpeg',
      byte_size: 1,
      width: 1,
      height: 1,
      status: 'predicted',
      quarantine_reason: null,
    });
    const predictionId = predictions.insert({
      itemId,
      modelVersionId,
      role: 'champion',
      defectProbability: score.defectProbability,
      predictedClass: 'ok',
      classProbabilities: {},
      regions: [],
      peak: null,
      latencyMs: 1,
      topDefectClass: score.topDefectClass,
      heatmap: null,
    })!;
    return { itemId, predictionId };
  };

  return { items, predictions, decisions: new DecisionsRepo(db), modelVersionId, addScoredItem };
}
