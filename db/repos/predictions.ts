import type { Db } from '../open.js';

export type NewPrediction = {
  itemId: number;
  modelVersionId: number;
  role: 'champion' | 'challenger';
  defectProbability: number;
  predictedClass: string;
  classProbabilities: Record<string, number>;
  regions: unknown[];
  peak: { x: number; y: number } | null;
  latencyMs: number;
};

export class PredictionsRepo {
  private readonly insertStmt;
  private readonly championStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO predictions (item_id, model_version_id, role, defect_probability, predicted_class, class_probabilities, regions, peak, latency_ms, created_at)
       VALUES (@itemId, @modelVersionId, @role, @defectProbability, @predictedClass, @classProbabilities, @regions, @peak, @latencyMs, @createdAt)
       ON CONFLICT (item_id, model_version_id) DO NOTHING RETURNING id`,
    );
    this.championStmt = db.prepare(
      `SELECT id, defect_probability FROM predictions WHERE item_id = ? AND role = 'champion' ORDER BY id DESC LIMIT 1`,
    );
  }

  insert(p: NewPrediction): number | null {
    const row = this.insertStmt.get({
      ...p,
      classProbabilities: JSON.stringify(p.classProbabilities),
      regions: JSON.stringify(p.regions),
      peak: p.peak ? JSON.stringify(p.peak) : null,
      createdAt: new Date().toISOString(),
    }) as { id: number } | undefined;
    return row?.id ?? null;
  }

  latestChampion(itemId: number): { id: number; defect_probability: number } | null {
    return (this.championStmt.get(itemId) as { id: number; defect_probability: number } | undefined) ?? null;
  }
}
