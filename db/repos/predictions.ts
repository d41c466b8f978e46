import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Db } from '../open.js';

/** Heatmaps are smooth, so raw deflate stores them in about 40 % of their bytes. */
export const encodeHeatmap = (data: Uint8Array): Buffer => deflateRawSync(data);
export const decodeHeatmap = (stored: Buffer): Buffer => inflateRawSync(stored);

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
  topDefectClass: string | null;
  heatmap: {
    width: number;
    height: number;
    data: Uint8Array;
    box: { x: number; y: number; width: number; height: number };
  } | null;
};

export type StoredPrediction = {
  id: number;
  model_version_id: number;
  defect_probability: number;
  top_defect_class: string | null;
  regions: string;
  peak: string | null;
  heatmap: Buffer | null;
  heatmap_meta: string | null;
};

export class PredictionsRepo {
  private readonly insertStmt;
  private readonly championStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO predictions (item_id, model_version_id, role, defect_probability, predicted_class, class_probabilities, regions, peak, latency_ms, created_at, top_defect_class, heatmap, heatmap_meta)
       VALUES (@itemId, @modelVersionId, @role, @defectProbability, @predictedClass, @classProbabilities, @regions, @peak, @latencyMs, @createdAt, @topDefectClass, @heatmap, @heatmapMeta)
       ON CONFLICT (item_id, model_version_id) DO NOTHING RETURNING id`,
    );
    this.championStmt = db.prepare(
      `SELECT id, model_version_id, defect_probability, top_defect_class, regions, peak, heatmap, heatmap_meta
       FROM predictions WHERE item_id = ? AND role = 'champion' ORDER BY id DESC LIMIT 1`,
    );
  }

  insert(p: NewPrediction): number | null {
    const row = this.insertStmt.get({
      ...p,
      classProbabilities: JSON.stringify(p.classProbabilities),
      regions: JSON.stringify(p.regions),
      peak: p.peak ? JSON.stringify(p.peak) : null,
      createdAt: new Date().toISOString(),
      heatmap: p.heatmap ? encodeHeatmap(p.heatmap.data) : null,
      heatmapMeta: p.heatmap
        ? JSON.stringify({ width: p.heatmap.width, height: p.heatmap.height, box: p.heatmap.box })
        : null,
    }) as { id: number } | undefined;
    return row?.id ?? null;
  }

  latestChampion(itemId: number): StoredPrediction | null {
    return (this.championStmt.get(itemId) as StoredPrediction | undefined) ?? null;
  }
}
