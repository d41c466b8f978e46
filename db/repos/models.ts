import type { Db } from '../open.js';

export type ModelVersionRow = { id: number; model_id: string; version: string; sha256: string };

export class ModelsRepo {
  private readonly insertStmt;
  private readonly bySha;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO model_versions (model_id, version, sha256, manifest, registered_at)
       VALUES (@modelId, @version, @sha256, @manifest, @registeredAt)
       ON CONFLICT (sha256) DO NOTHING`,
    );
    this.bySha = db.prepare('SELECT id, model_id, version, sha256 FROM model_versions WHERE sha256 = ?');
  }

  /**
   * Registers a model file by its content hash. A different file claiming an id+version that
   * is already registered is refused: version labels must identify one set of weights.
   */
  register(m: { modelId: string; version: string; sha256: string; manifest: unknown }): ModelVersionRow {
    this.insertStmt.run({
      modelId: m.modelId,
      version: m.version,
      sha256: m.sha256,
      manifest: JSON.stringify(m.manifest),
      registeredAt: new Date().toISOString(),
    });
    const row = this.bySha.get(m.sha256) as ModelVersionRow | undefined;
    if (!row) throw new Error(`model ${m.modelId}@${m.version} could not be registered`);
    return row;
  }
}
