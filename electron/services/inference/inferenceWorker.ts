/**
 * Entry point of an inference worker thread (bundled to dist/worker/inference.cjs). It loads
 * one model session and scores the images the station posts to it, one at a time.
 *
 * onnxruntime-node runs `session.run` synchronously on the calling thread; here that thread is
 * this worker, so the station's event loop keeps answering the review UI while a folder is
 * scored, and several workers score images side by side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from './modelRunner.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './workerProtocol.js';

const port = parentPort;
if (!port) throw new Error('inferenceWorker must run in a worker thread');
const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const init = workerData as WorkerInit;
loadModel(init.modelDir, { intraOpThreads: init.intraOpThreads }).then(
  (model) => {
    port.on('message', (request: WorkerRequest) => {
      const prediction = 'file' in request ? model.predictFile(request.file) : model.predict(request.image);
      prediction.then(
        (prediction) =>
          // The heatmap is this call's own buffer: hand it over instead of copying it.
          reply({ kind: 'result', id: request.id, prediction }, [
            prediction.heatmap.data.buffer as ArrayBuffer,
          ]),
        (err: unknown) =>
          reply({
            kind: 'error',
            id: request.id,
            name: err instanceof Error ? err.name : 'Error',
            message: messageOf(err),
          }),
      );
    });
    reply({ kind: 'ready', manifest: model.manifest, sha256: model.sha256 });
  },
  (err: unknown) => reply({ kind: 'load-error', message: messageOf(err) }),
);
