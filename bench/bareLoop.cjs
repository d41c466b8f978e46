/**
 * The bare baseline of bench/inference.ts: read + sharp decode + session.run for every file,
 * `slots` images in flight, no Loupe code. Plain CommonJS so the benchmark's main thread can
 * require it and each worker thread can run this same file as its script.
 */
const { isMainThread, parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs/promises');
const path = require('node:path');
const ort = require('onnxruntime-node');
const sharp = require('sharp');

/** Runs every file `rounds` times through decode + session.run with `slots` images in flight. */
async function bareLoop({ session, feeds, outputs, root, files, slots, rounds }) {
  for (let r = 0; r < rounds; r++) {
    let next = 0;
    await Promise.all(
      Array.from({ length: slots }, async () => {
        while (next < files.length) {
          const file = files[next++];
          await sharp(await fs.readFile(path.join(root, file)))
            .greyscale()
            .raw()
            .toBuffer();
          await session.run(feeds, outputs);
        }
      }),
    );
  }
}

module.exports = { bareLoop };

// As a worker thread: own session, warm it, say 'ready', then answer each message (a number of
// rounds) with 'done' once the loop has run them.
if (!isMainThread && require.main === module) {
  sharp.concurrency(1);
  void (async () => {
    const { modelFile, inputName, dims, tensor, outputs, root, files, slots } = workerData;
    const session = await ort.InferenceSession.create(modelFile, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    const feeds = { [inputName]: new ort.Tensor('float32', tensor, dims) };
    await session.run(feeds, outputs);
    parentPort.postMessage('ready');
    parentPort.on('message', async (rounds) => {
      await bareLoop({ session, feeds, outputs, root, files, slots, rounds });
      parentPort.postMessage('done');
    });
  })();
}
