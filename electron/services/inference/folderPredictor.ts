import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { forEachConcurrent } from '../concurrency.js';
import { scanFolder } from '../ingest/scan.js';
import type { LoadedModel, TimedPrediction } from './modelRunner.js';

export type FileResult =
  | { file: string; absolutePath: string; prediction: TimedPrediction & { fullLatencyMs: number } }
  | { file: string; absolutePath: string; error: string };

/** Supported image files under `root`, as paths relative to it with forward slashes, sorted. */
export async function listImages(
  root: string,
  filter: (relative: string) => boolean = () => true,
): Promise<string[]> {
  const files = await scanFolder(root);
  return files
    .filter((f) => f.kind === 'candidate')
    .map((f) => path.relative(root, f.path).split(path.sep).join('/'))
    .filter(filter)
    .sort();
}

/**
 * Scores files with `concurrency` in flight, and hands results back in input order. The
 * default, 8, is four per inference worker: a worker reads new requests only between model
 * runs, so a few queued files keep it from waiting on a read and decode. A file that cannot be
 * read or decoded yields an error result; the run goes on.
 */
export async function predictFiles(
  model: LoadedModel,
  root: string,
  files: readonly string[],
  options: { concurrency?: number; onResult: (result: FileResult, index: number) => void },
): Promise<void> {
  const concurrency = options.concurrency ?? 8;
  const done = new Map<number, FileResult>();
  let nextToEmit = 0;
  const emitReady = (): void => {
    while (done.has(nextToEmit)) {
      options.onResult(done.get(nextToEmit)!, nextToEmit);
      done.delete(nextToEmit++);
    }
  };
  await forEachConcurrent(files, concurrency, async (file, index) => {
    const absolutePath = path.join(root, file);
    const started = performance.now();
    try {
      const prediction = await model.predictFile(absolutePath);
      done.set(index, {
        file,
        absolutePath,
        prediction: { ...prediction, fullLatencyMs: performance.now() - started },
      });
    } catch (err) {
      done.set(index, { file, absolutePath, error: err instanceof Error ? err.message : String(err) });
    }
    emitReady();
  });
}
