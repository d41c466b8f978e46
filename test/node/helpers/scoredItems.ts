import type { Db } from '../../../db/open.js';
import { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { NewDecision } from '../../../db/repos/decisions.js';
import { ItemsRepo } from '../../../db/repos/items.js';
import { ModelsRepo } from '../../../db/repos/models.js';
import { PredictionsRepo } from '../../../db/repos/predictions.js';

export { lcg } from './lcg.js';

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

/**
 * A random walk of decisions and undos: `steps` times, `next()` draws a chain key and a decision
 * (all its random draws, in order); if the chain's latest row is a decision it is undone, else
 * the new decision is recorded, correcting the chain's last undo if there is one.
 */
export function decisionChain<K>(
  decisions: DecisionsRepo,
  steps: number,
  next: () => { key: K; decision: NewDecision },
): void {
  const heads = new Map<K, { id: number; kind: 'decision' | 'retraction' }>();
  for (let step = 0; step < steps; step++) {
    const { key, decision } = next();
    const head = heads.get(key);
    if (head?.kind === 'decision')
      heads.set(key, {
        id: decisions.insert({ ...decision, kind: 'retraction', label: null, corrects: head.id }),
        kind: 'retraction',
      });
    else
      heads.set(key, { id: decisions.insert({ ...decision, corrects: head?.id ?? null }), kind: 'decision' });
  }
}
