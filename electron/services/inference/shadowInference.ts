import type { Db } from '../../../db/open.js';
import type { ItemsRepo } from '../../../db/repos/items.js';
import type { PredictionsRepo } from '../../../db/repos/predictions.js';
import type { GrayPixels } from '../imaging/decode.js';
import type { ImageStore } from '../ingest/imageStore.js';
import type { LoadedModel } from './modelRunner.js';

export type ShadowDeps = {
  db: Db;
  items: ItemsRepo;
  predictions: PredictionsRepo;
  store: ImageStore;
  model: LoadedModel;
  modelVersionId: number;
  onPredicted: () => void;
  /** Routes a freshly scored item by the policy in force; runs inside the prediction's transaction. */
  route?: (itemId: number) => void;
  log: (message: string, err?: unknown) => void;
  /** Items scored at once (default 4, two per inference worker): one waits while another is scored. */
  concurrency?: number;
};

type Job = { itemId: number; pixels: GrayPixels | null };

/** Above this many queued items, new jobs drop their pixels and re-read them from the store. */
const MAX_HELD_PIXELS = 16;

/**
 * Scores every new item with the champion model and stores the prediction beside it. Work is
 * queued, never awaited by the caller, so imports and the UI never wait on the model.
 */
export class ShadowInference {
  private readonly queue: Job[] = [];
  private readonly queued = new Set<number>();
  private running = 0;
  private closed = false;
  private readonly waiters: Array<() => void> = [];
  private readonly capacityWaiters: Array<() => void> = [];

  constructor(private readonly deps: ShadowDeps) {}

  get backlog(): number {
    return this.queue.length + this.running;
  }

  enqueue(itemId: number, pixels: GrayPixels | null = null): void {
    if (this.closed || this.queued.has(itemId)) return;
    this.queued.add(itemId);
    this.queue.push({ itemId, pixels: this.queue.length < MAX_HELD_PIXELS ? pixels : null });
    this.pump();
  }

  /** Resolves once the backlog is small enough for an importer to hand over another image. */
  waitForCapacity(limit = MAX_HELD_PIXELS): Promise<void> {
    if (this.queue.length < limit || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.capacityWaiters.push(resolve));
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.backlog === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    this.capacityWaiters.splice(0).forEach((resolve) => resolve());
    await this.idle();
  }

  private pump(): void {
    const limit = this.deps.concurrency ?? 4;
    while (this.running < limit && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.score(job).finally(() => {
        this.running--;
        this.queued.delete(job.itemId);
        if (this.queue.length < MAX_HELD_PIXELS)
          this.capacityWaiters.splice(0).forEach((resolve) => resolve());
        if (this.backlog === 0) this.waiters.splice(0).forEach((resolve) => resolve());
        this.pump();
      });
    }
  }

  private async score(job: Job): Promise<void> {
    const { items, predictions, model, modelVersionId, db } = this.deps;
    try {
      const item = items.get(job.itemId);
      if (!item || item.status !== 'pending' || !item.stored_path) return;
      // Without held pixels the model reads and decodes the file itself (on its worker thread,
      // when it has one), so the main thread neither decodes nor copies the image.
      const p = job.pixels
        ? await model.predict(job.pixels)
        : await model.predictFile(this.deps.store.absolute(item.stored_path));
      if (this.closed && !db.open) return;
      db.transaction(() => {
        predictions.insert({
          itemId: item.id,
          modelVersionId,
          role: 'champion',
          defectProbability: p.defectProbability,
          predictedClass: p.predictedClass,
          classProbabilities: p.classProbabilities,
          regions: p.regions,
          peak: p.peak,
          latencyMs: p.latencyMs,
          topDefectClass: p.topDefectClass,
          heatmap: p.heatmap,
        });
        const current = items.get(item.id);
        if (current?.status === 'pending') {
          items.setStatus(item.id, 'predicted');
          this.deps.route?.(item.id);
        }
      })();
      this.deps.onPredicted();
    } catch (err) {
      this.deps.log(`could not score item ${job.itemId}`, err);
    }
  }
}
