/**
 * Runs a model on worker threads behind the same LoadedModel interface as loadModel.
 *
 * onnxruntime-node's `session.run` blocks the thread that calls it (4–5 ms per tile for the
 * default model), so scoring on the main thread stalls every HTTP/IPC request while a folder
 * is imported, and one process can only run one inference at a time. Each worker holds its own
 * session and takes either decoded pixels (an import has decoded them already) or a file path,
 * which it reads and decodes itself (folder scoring).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ImageError } from '../imaging/imageError.js';
import type { GrayImage } from './preprocess.js';
import type { ModelManifest } from './manifest.js';
import { ModelLoadError } from './modelRunner.js';
import type { LoadedModel, TimedPrediction } from './modelRunner.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './workerProtocol.js';

export type WorkerModelOptions = {
  /** The built worker entry (dist/worker/inference.cjs). */
  script: string;
  /** Worker threads, each with its own session; defaults to min(2, available cores). */
  workers?: number;
  /** onnxruntime intra-op threads per worker. */
  intraOpThreads?: number;
};

type Pending = { resolve: (p: TimedPrediction) => void; reject: (err: Error) => void };
type Loaded = { manifest: ModelManifest; sha256: string };

export class InferenceWorkerError extends Error {
  override name = 'InferenceWorkerError';
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** One worker thread and the requests it has not answered yet. */
class InferenceThread {
  readonly pending = new Map<number, Pending>();
  /** Requests assigned to this worker that wait for it to load. */
  reserved = 0;
  readonly loaded: Promise<Loaded>;
  private readonly worker: Worker;
  private stopped = false;
  private ready = false;

  constructor(script: string, init: WorkerInit, onExit: (thread: InferenceThread) => void) {
    // Referenced while loading or busy; an idle worker must not keep a CLI command alive.
    this.worker = new Worker(script, { workerData: init });
    this.loaded = new Promise<Loaded>((resolve, reject) => {
      this.worker.on('message', (message: WorkerReply) => {
        if (message.kind === 'ready') {
          this.ready = true;
          if (this.pending.size === 0) this.worker.unref();
          resolve({ manifest: message.manifest, sha256: message.sha256 });
        } else if (message.kind === 'load-error') reject(new ModelLoadError(message.message));
        else this.settle(message.id, message);
      });
      this.worker.on('error', (err) => reject(new ModelLoadError(`inference worker failed: ${err.message}`)));
      this.worker.on('exit', (code) => {
        reject(new ModelLoadError(`inference worker exited (code ${code}) before the model loaded`));
        this.stop(
          new InferenceWorkerError(`inference worker stopped (exit code ${code}); the image was not scored`),
        );
        // Only a worker that had loaded is replaced: one that cannot load would fail again.
        if (this.ready) onExit(this);
      });
    });
    // Load failures are reported through `loaded`; no unhandled rejection if nobody waits yet.
    this.loaded.catch(() => {});
  }

  get load(): number {
    return this.pending.size + this.reserved;
  }

  get alive(): boolean {
    return !this.stopped;
  }

  predict(id: number, image: GrayImage): Promise<TimedPrediction> {
    // Structured clone copies the whole underlying buffer, so send a view that owns exactly its pixels.
    const data =
      image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength
        ? image.data
        : image.data.slice();
    return this.send({ id, image: { data, width: image.width, height: image.height } });
  }

  predictFile(id: number, file: string): Promise<TimedPrediction> {
    return this.send({ id, file });
  }

  private send(request: WorkerRequest): Promise<TimedPrediction> {
    if (this.stopped) return Promise.reject(new InferenceWorkerError('inference worker is stopped'));
    return new Promise<TimedPrediction>((resolve, reject) => {
      if (this.pending.size === 0 && this.ready) this.worker.ref();
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  async terminate(): Promise<void> {
    this.stop(new InferenceWorkerError('model closed'));
    await this.worker.terminate();
  }

  private settle(id: number, message: Extract<WorkerReply, { kind: 'result' | 'error' }>): void {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    if (this.pending.size === 0 && this.ready) this.worker.unref();
    if (message.kind === 'result') waiter.resolve(message.prediction);
    // An unreadable image stays an ImageError (its message is the quarantine reason).
    else
      waiter.reject(
        message.name === 'ImageError' ? new ImageError(message.message) : new Error(message.message),
      );
  }

  private stop(reason: Error): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const waiter of this.pending.values()) waiter.reject(reason);
    this.pending.clear();
  }
}

/**
 * Starts the workers and waits until each has loaded and verified the model (manifest and
 * sha256, as loadModel does); a model that fails to load fails here with loadModel's message.
 * A worker that dies later fails its in-flight images and is replaced.
 */
export async function loadModelInWorkers(
  modelDir: string,
  options: WorkerModelOptions,
): Promise<LoadedModel> {
  const init: WorkerInit = { modelDir, intraOpThreads: options.intraOpThreads ?? 1 };
  let closed = false;
  const threads: InferenceThread[] = [];
  const replace = (dead: InferenceThread): void => {
    const slot = threads.indexOf(dead);
    if (!closed && slot >= 0) threads[slot] = new InferenceThread(options.script, init, replace);
  };
  const count = options.workers ?? defaultWorkerCount();
  for (let i = 0; i < count; i++) threads.push(new InferenceThread(options.script, init, replace));
  let loaded: Loaded[];
  try {
    loaded = await Promise.all(threads.map((t) => t.loaded));
  } catch (err) {
    closed = true;
    await Promise.all(threads.map((t) => t.terminate()));
    throw err;
  }
  const { manifest, sha256 } = loaded[0]!;

  let nextId = 0;
  /** Hands the request to the least busy worker, once that worker has loaded. */
  const dispatch = async (
    send: (thread: InferenceThread, id: number) => Promise<TimedPrediction>,
  ): Promise<TimedPrediction> => {
    if (closed) throw new InferenceWorkerError('model closed');
    const thread = threads
      .filter((t) => t.alive)
      .reduce<InferenceThread | undefined>((best, t) => (!best || t.load < best.load ? t : best), undefined);
    if (!thread) throw new InferenceWorkerError('no inference worker is running');
    // Counted at once, so images requested together spread over the workers.
    thread.reserved++;
    try {
      await thread.loaded;
    } finally {
      thread.reserved--;
    }
    return send(thread, nextId++);
  };
  return {
    manifest,
    sha256,
    predict: (image) => dispatch((thread, id) => thread.predict(id, image)),
    // The worker reads and decodes the file itself, so the event loop only hands out paths.
    predictFile: (file) => dispatch((thread, id) => thread.predictFile(id, file)),
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
