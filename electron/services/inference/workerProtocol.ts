/** Messages between the station and its inference worker threads (see modelWorkers.ts). */
import type { GrayImage } from './preprocess.js';
import type { ModelManifest } from './manifest.js';
import type { TimedPrediction } from './modelRunner.js';

/** Passed as `workerData`: which model the worker loads. */
export type WorkerInit = { modelDir: string; intraOpThreads: number };

/** Decoded pixels, or a file the worker reads and decodes itself (folder scoring). */
export type WorkerRequest = { id: number; image: GrayImage } | { id: number; file: string };

export type WorkerReply =
  | { kind: 'ready'; manifest: ModelManifest; sha256: string }
  | { kind: 'load-error'; message: string }
  | { kind: 'result'; id: number; prediction: TimedPrediction }
  | { kind: 'error'; id: number; name: string; message: string };
